import { getFormatter, getTranslations } from "next-intl/server";
import { PersonName, withPeople } from "@/components/person-name";
import { Section } from "@/components/ui/page";
import type { CallPage } from "@/lib/decisions/call-page";

/** The advisory group's and steering committee's votes, each with the declaration in force. */
export async function CallVotes({ page }: { page: CallPage }) {
  const [t, format] = await Promise.all([getTranslations("decisions"), getFormatter()]);
  if (page.votes.length === 0 && !page.appeal) return null;
  return (
    <Section title={t("votes")}>
      {page.appeal ? (
        <p className="mb-3">
          {withPeople(
            (people) => t("appealLine", { ...people, reason: page.appeal?.reason ?? "" }),
            { name: <PersonName name={page.appeal.name} badges={page.appeal.badges} /> },
          )}
        </p>
      ) : null}
      {(["ag", "sc"] as const).map((stage) => {
        const cast = page.votes.filter((vote) => vote.stage === stage);
        if (cast.length === 0) return null;
        return (
          <div key={stage} className="mb-4">
            <h3 className="mb-2 font-semibold">{t(`stage.${stage}`)}</h3>
            <ul className="divide-y divide-line rounded-lg border border-line bg-white">
              {cast.map((vote) => (
                <li key={vote.userId} className="p-3">
                  <p>
                    <PersonName name={vote.name} badges={vote.badges} />:{" "}
                    {t(`choices.${vote.choice}`)}
                  </p>
                  <p className="whitespace-pre-wrap text-sm text-muted">{vote.rationale}</p>
                  <p className="whitespace-pre-wrap text-xs text-muted">
                    {vote.declaration
                      ? t("declarationInForce", {
                          // The day it was declared: the vote's own moment is in the timeline.
                          when: format.dateTime(vote.declaration.declaredAt, {
                            dateStyle: "medium",
                          }),
                          text: [vote.declaration.text, vote.declaration.affiliation]
                            .filter(Boolean)
                            .join(" · "),
                        })
                      : t("noDeclaration")}
                  </p>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </Section>
  );
}
