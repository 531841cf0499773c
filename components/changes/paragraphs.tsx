import type { ReactNode } from "react";
import { Redline } from "@/components/redline";
import type { Block, BlockChange } from "@/lib/drafting/field-diff";

/** What the two sides are called where they stand side by side: "1.0.0", "Adopted (revision 3)". */
export type SideLabels = { before: string; after: string };

/** Nested list items step in; a first-level item's marker is its indent. */
const indentClass = ["", "", "ml-7", "ml-14", "ml-21"];

export function Paragraph({ block, children }: { block: Block; children: ReactNode }) {
  return (
    <div className={`flex gap-2 ${indentClass[Math.min(block.indent, 4)]}`}>
      {block.indent > 0 ? (
        <span className="w-6 shrink-0 text-right text-muted">{block.marker}</span>
      ) : null}
      <div className="min-w-0 flex-1">{children}</div>
    </div>
  );
}

/** A paragraph as it was, as it is, or unchanged; `whole` tints it instead of striking it. */
export function Whole({
  block,
  kind,
  whole = false,
}: {
  block: Block;
  kind: "same" | "added" | "removed";
  whole?: boolean;
}) {
  return (
    <Paragraph block={block}>
      {kind === "same" ? (
        <p className="whitespace-pre-wrap break-words leading-relaxed text-muted">{block.text}</p>
      ) : (
        <Redline parts={[{ kind, text: block.text }]} whole={whole} />
      )}
    </Paragraph>
  );
}

const tones = {
  old: "border-red-300 bg-red-50",
  new: "border-green-500 bg-green-50",
  same: "border-transparent",
};

function Cell({
  label,
  labelClass,
  tone,
  className = "",
  children,
}: {
  label: string | null;
  labelClass: string;
  tone: keyof typeof tones;
  className?: string;
  children: ReactNode[];
}) {
  if (children.length === 0) return <div />;
  return (
    <div className={`min-w-0 space-y-2 rounded-r border-l-4 px-3 py-2 ${tones[tone]} ${className}`}>
      {label ? (
        <p className={`text-xs font-semibold uppercase tracking-wide text-muted ${labelClass}`}>
          {label}
        </p>
      ) : null}
      {children}
    </div>
  );
}

/**
 * Old beside new, stacked on a narrow screen. `labelled`: each cell names its side; otherwise
 * the field's header row names them, and cells do only where they stack. `plain`: an unchanged
 * paragraph, in both columns and neither tinted nor labelled.
 */
export function SideBySide({
  before,
  after,
  labels,
  labelled,
  plain = false,
}: {
  before: ReactNode[];
  after: ReactNode[];
  labels: SideLabels;
  labelled: boolean;
  plain?: boolean;
}) {
  const labelClass = labelled ? "" : "sm:hidden";
  return (
    <div className="grid gap-x-6 gap-y-2 sm:grid-cols-2">
      <Cell
        label={plain ? null : labels.before}
        labelClass={labelClass}
        tone={plain ? "same" : "old"}
      >
        {before}
      </Cell>
      <Cell
        label={plain ? null : labels.after}
        labelClass={labelClass}
        tone={plain ? "same" : "new"}
        // Stacked, an unchanged paragraph is read once.
        className={plain ? "hidden sm:block" : ""}
      >
        {after}
      </Cell>
    </div>
  );
}

/** The field's paragraphs as they were (`before`) or are (`after`), changes tinted. */
export function sideOf(changes: BlockChange[], side: "before" | "after"): ReactNode[] {
  return changes.flatMap((change) => {
    const key = change.key;
    if (change.kind === "same") return [<Whole key={key} block={change.block} kind="same" />];
    if (change.kind === "edited") {
      const block = side === "before" ? change.before : change.after;
      return [
        <Whole key={key} block={block} kind={side === "before" ? "removed" : "added"} whole />,
      ];
    }
    const shown = side === "before" ? "removed" : "added";
    return change.kind === shown
      ? [<Whole key={key} block={change.block} kind={change.kind} whole />]
      : [];
  });
}
