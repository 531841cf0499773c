import { getTranslations } from "next-intl/server";
import { publicUrl } from "@/lib/env";
import { badgePath, declarationPath } from "@/lib/paths";

/**
 * The badge as it shows, and the snippets that embed it: absolute addresses on the configured
 * origin, the image linked to the declaration so a reader can check what it claims.
 */
export async function BadgeSnippets({
  number,
  standard,
  state,
}: {
  number: number;
  standard: string;
  state: string;
}) {
  const t = await getTranslations("registry.declaration");
  const page = `${publicUrl()}${declarationPath(number)}`;
  const image = `${publicUrl()}${badgePath(number)}`;
  const alt = t("badgeAlt", { standard, number });
  const attr = (text: string) =>
    text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const html = `<a href="${attr(page)}"><img src="${attr(image)}" alt="${attr(alt)}"></a>`;
  const markdown = `[![${alt.replace(/[[\]]/g, "\\$&")}](${image})](${page})`;
  return (
    <div className="rounded-lg border border-line bg-white p-4">
      <p className="mb-3 text-sm text-muted">{t("badgeLead")}</p>
      {/* The state in the address: a browser that kept the image a minute under another state
          fetches it again, so this page never shows a badge older than its own words. */}
      {/* biome-ignore lint/performance/noImgElement: an SVG served by Hum itself, no optimising */}
      <img src={`${badgePath(number)}?state=${state}`} alt={alt} className="mb-4 h-6 w-auto" />
      {state === "withdrawn" || state === "struck_off" ? (
        <p className="text-sm">{t("snippetsClosed", { state })}</p>
      ) : (
        <>
          <p className="text-sm font-medium">{t("snippetHtml")}</p>
          <pre className="mb-3 whitespace-pre-wrap break-all rounded border border-line bg-stone-50 p-2 text-xs">
            <code>{html}</code>
          </pre>
          <p className="text-sm font-medium">{t("snippetMarkdown")}</p>
          <pre className="whitespace-pre-wrap break-all rounded border border-line bg-stone-50 p-2 text-xs">
            <code>{markdown}</code>
          </pre>
        </>
      )}
    </div>
  );
}
