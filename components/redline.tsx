import { getTranslations } from "next-intl/server";
import type { DiffPart } from "@/lib/drafting/diff";

/**
 * Which side of a change to show: `both` interleaves removed and added words; `before` is the
 * old text with its removed words marked, `after` the new text with its added words marked.
 */
export type RedlineSide = "both" | "before" | "after";

/**
 * Word-level differences as a reader expects them: insertions green, deletions struck red. Each
 * change says what it is to screen readers, which do not announce `ins` and `del` by themselves.
 * `whole` marks a paragraph shown beside its other version, in a tinted column under a label that
 * says which it is: not struck through, so that it stays readable.
 */
export async function Redline({
  parts,
  side = "both",
  whole = false,
}: {
  parts: DiffPart[];
  side?: RedlineSide;
  whole?: boolean;
}) {
  const t = await getTranslations("changes");
  let offset = 0;
  return (
    <p className="whitespace-pre-wrap break-words leading-relaxed">
      {parts.map((part) => {
        const key = offset;
        offset += part.text.length;
        if (part.kind === "added") {
          if (side === "before") return null;
          return (
            <ins
              key={key}
              className={whole ? "no-underline" : "bg-green-100 px-0.5 text-ok no-underline"}
            >
              <span className="sr-only">{t("addedStart")} </span>
              {part.text}
              <span className="sr-only"> {t("addedEnd")}</span>
            </ins>
          );
        }
        if (part.kind === "removed") {
          if (side === "after") return null;
          return (
            <del key={key} className={whole ? "no-underline" : "bg-red-100 px-0.5 text-danger"}>
              <span className="sr-only">{t("removedStart")} </span>
              {part.text}
              <span className="sr-only"> {t("removedEnd")}</span>
            </del>
          );
        }
        return <span key={key}>{part.text}</span>;
      })}
    </p>
  );
}
