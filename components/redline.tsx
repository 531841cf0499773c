import type { DiffPart } from "@/lib/drafting/diff";

/** Word-level differences as a reader expects them: insertions green, deletions struck red. */
export function Redline({ parts }: { parts: DiffPart[] }) {
  let offset = 0;
  return (
    <p className="whitespace-pre-wrap leading-relaxed">
      {parts.map((part) => {
        const key = offset;
        offset += part.text.length;
        if (part.kind === "added")
          return (
            <ins key={key} className="bg-green-100 text-ok no-underline">
              {part.text}
            </ins>
          );
        if (part.kind === "removed")
          return (
            <del key={key} className="bg-red-100 text-danger">
              {part.text}
            </del>
          );
        return <span key={key}>{part.text}</span>;
      })}
    </p>
  );
}
