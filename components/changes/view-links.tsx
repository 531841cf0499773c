import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { type DiffView, diffViews } from "@/lib/drafting/diff";

/** "Show changes: Automatic · Side by side · Inline" as plain links, the current one marked. */
export async function DiffViewLinks({
  current,
  hrefOf,
}: {
  current: DiffView;
  hrefOf: (view: DiffView) => string;
}) {
  const t = await getTranslations("changes.view");
  return (
    <nav aria-label={t("label")} className="mb-4 text-sm">
      <p>
        <span className="font-medium">{t("label")}:</span>{" "}
        {diffViews.map((view, index) => (
          <span key={view}>
            {index > 0 ? " · " : null}
            {view === current ? (
              <strong aria-current="page">{t(view)}</strong>
            ) : (
              <Link href={hrefOf(view)} className="underline">
                {t(view)}
              </Link>
            )}
          </span>
        ))}
      </p>
      {current === "auto" ? <p className="text-muted">{t("autoHint")}</p> : null}
    </nav>
  );
}
