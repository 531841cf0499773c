import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/lib/db/client";
import { releaseClausePath } from "@/lib/paths";
import type { NamedClause } from "@/lib/registry/transition";
import { nothingChanges } from "@/lib/registry/transition";
import { type ReleaseTransition, transitionOfDeclaration } from "@/lib/registry/transition-queries";

/**
 * A listing against an older release: which newer version exists, until when the listing keeps
 * its state, and what declaring again against the newer version asks of the product, clause by
 * clause, each linked to its text in that version.
 */
export async function TransitionNotice({
  transition,
  now = new Date(),
}: {
  transition: ReleaseTransition;
  now?: Date;
}) {
  const [t, format] = await Promise.all([getTranslations("registry.transition"), getFormatter()]);
  const { changes, latest, standardSlug } = transition;
  const version = latest.version;
  const day = (at: Date) => format.dateTime(at, { dateStyle: "long", timeZone: "UTC" });
  const dates = {
    version,
    published: day(transition.publishedAt),
    ends: day(transition.transitionEndsAt),
  };
  const link = (clause: NamedClause) => (
    <Link href={releaseClausePath(standardSlug, version, clause.ref)} className="underline">
      {clause.ref}
    </Link>
  );
  // A clause no longer required may be retired: its last text is in the older release.
  const oldLink = (clause: NamedClause) => (
    <Link
      href={releaseClausePath(standardSlug, transition.from.version, clause.ref)}
      className="underline"
    >
      {clause.ref}
    </Link>
  );
  return (
    <section
      aria-labelledby="transition-title"
      className="mb-6 rounded-md border border-indigo-200 bg-accent-soft px-4 py-3 text-sm"
    >
      <h2 id="transition-title" className="mb-1 text-base font-semibold">
        {t("title")}
      </h2>
      <p className="mb-2">
        {transition.transitionEndsAt > now ? t("lead", dates) : t("leadEnded", dates)}
      </p>
      {nothingChanges(changes) ? (
        <p>{t("nothing", { version })}</p>
      ) : (
        <>
          <p className="mb-2">
            {t("requires", {
              version,
              added: changes.newlyRequired.length,
              changed: changes.changed.length,
              removed: changes.noLongerRequired.length,
            })}
          </p>
          <ClauseList title={t("newlyRequired")}>
            {changes.newlyRequired.map((clause) => (
              <li key={clause.ref}>
                {link(clause)} {clause.title} ({t(`reasons.${clause.reason}`)})
              </li>
            ))}
          </ClauseList>
          <ClauseList title={t("changed")}>
            {changes.changed.map((clause) => (
              <li key={clause.ref}>
                {link(clause)} {clause.title} (
                {t("changedFields", {
                  fields: format.list(clause.fields.map((field) => t(`fields.${field}`))),
                })}
                )
              </li>
            ))}
          </ClauseList>
          <ClauseList title={t("noLongerRequired")}>
            {changes.noLongerRequired.map((clause) => (
              <li key={clause.ref}>
                {oldLink(clause)} {clause.title} ({t(`reasons.${clause.reason}`)})
              </li>
            ))}
          </ClauseList>
        </>
      )}
    </section>
  );
}

function ClauseList({ title, children }: { title: string; children: React.ReactNode[] }) {
  if (children.length === 0) return null;
  return (
    <>
      <h3 className="mt-2 font-semibold">{title}</h3>
      <ul className="list-disc pl-5">{children}</ul>
    </>
  );
}

/** The notice for one declaration by its id; nothing while it answers the newest release. */
export async function DeclarationTransitionNotice({ declarationId }: { declarationId: string }) {
  const transition = await transitionOfDeclaration(getDb(), declarationId);
  return transition ? <TransitionNotice transition={transition} /> : null;
}
