import { getFormatter, getTranslations } from "next-intl/server";
import {
  Paragraph,
  SideBySide,
  type SideLabels,
  sideOf,
  Whole,
} from "@/components/changes/paragraphs";
import { Redline } from "@/components/redline";
import type { DiffView } from "@/lib/drafting/diff";
import {
  type BlockChange,
  type ClauseVersion,
  type ComparableClause,
  diffClause,
  type FieldDiff,
} from "@/lib/drafting/field-diff";

/**
 * The rows of the side-by-side view: an unchanged paragraph, or a small edit marked word by word,
 * on a row of its own; a run of added, removed and rewritten paragraphs together on one.
 */
function sideRows(changes: BlockChange[]): BlockChange[][] {
  const rows: BlockChange[][] = [];
  let run: BlockChange[] = [];
  for (const change of changes) {
    if (change.kind === "same" || (change.kind === "edited" && !change.rewritten)) {
      if (run.length > 0) rows.push(run);
      run = [];
      rows.push([change]);
    } else run.push(change);
  }
  if (run.length > 0) rows.push(run);
  return rows;
}

function SideRow({ changes, labels }: { changes: BlockChange[]; labels: SideLabels }) {
  const [change] = changes;
  if (changes.length === 1 && change?.kind === "same") {
    const same = [<Whole key="same" block={change.block} kind="same" />];
    return <SideBySide before={same} after={same} labels={labels} labelled={false} plain />;
  }
  if (changes.length === 1 && change?.kind === "edited" && !change.rewritten) {
    return (
      <SideBySide
        before={[
          <Paragraph key="before" block={change.before}>
            <Redline parts={change.parts} side="before" />
          </Paragraph>,
        ]}
        after={[
          <Paragraph key="after" block={change.after}>
            <Redline parts={change.parts} side="after" />
          </Paragraph>,
        ]}
        labels={labels}
        labelled={false}
      />
    );
  }
  return (
    <SideBySide
      before={sideOf(changes, "before")}
      after={sideOf(changes, "after")}
      labels={labels}
      labelled={false}
    />
  );
}

/** One change where the text flows: words interleaved, or a rewrite set beside its old text. */
function FlowRow({
  change,
  view,
  labels,
}: {
  change: BlockChange;
  view: DiffView;
  labels: SideLabels;
}) {
  if (change.kind !== "edited") return <Whole block={change.block} kind={change.kind} />;
  if (view === "auto" && change.rewritten) {
    return (
      <SideBySide
        before={sideOf([change], "before")}
        after={sideOf([change], "after")}
        labels={labels}
        labelled
      />
    );
  }
  return (
    <Paragraph block={change.after}>
      <Redline parts={change.parts} />
    </Paragraph>
  );
}

async function ChangedField({
  field,
  view,
  labels,
}: {
  field: Extract<FieldDiff, { status: "changed" }>;
  view: DiffView;
  labels: SideLabels;
}) {
  const t = await getTranslations("changes");
  if (view === "auto" && field.rewritten) {
    return (
      <>
        <p className="mb-2 text-sm text-muted">{t("rewritten")}</p>
        <SideBySide
          before={sideOf(field.changes, "before")}
          after={sideOf(field.changes, "after")}
          labels={labels}
          labelled
        />
      </>
    );
  }
  if (view === "side") {
    return (
      <div className="space-y-2">
        <div
          aria-hidden="true"
          className="hidden gap-x-6 text-xs font-semibold uppercase tracking-wide text-muted sm:grid sm:grid-cols-2"
        >
          <p>{labels.before}</p>
          <p>{labels.after}</p>
        </div>
        {sideRows(field.changes).map((row) => (
          <SideRow key={row[0]?.key} changes={row} labels={labels} />
        ))}
      </div>
    );
  }
  return (
    <div className="space-y-2">
      {field.changes.map((change) => (
        <FlowRow key={change.key} change={change} view={view} labels={labels} />
      ))}
    </div>
  );
}

/**
 * What changed in a clause, field by field: each changed field under its name, the unchanged
 * ones named in one line. Small edits are marked word by word; a rewrite is set beside the old
 * text (unless the reader chose a view).
 */
export async function ClauseChanges({
  before,
  after,
  view,
  labels,
  headingLevel = 3,
}: {
  before: ComparableClause | null;
  after: ComparableClause | null;
  view: DiffView;
  labels: SideLabels;
  headingLevel?: 3 | 4;
}) {
  const [t, format] = await Promise.all([getTranslations("changes"), getFormatter()]);
  const version = (clause: ComparableClause | null): ClauseVersion | null =>
    clause ? { ...clause, level: clause.level ?? t("recommendedOnly") } : null;
  const fields = diffClause(version(before), version(after));
  const unchanged = fields.filter((field) => field.status === "unchanged");
  const Heading = headingLevel === 3 ? "h3" : "h4";
  return (
    <div className="space-y-4">
      {fields.map((field) =>
        field.status === "unchanged" ? null : (
          <div key={field.name}>
            <Heading className="mb-1 text-sm font-semibold uppercase tracking-wide text-muted">
              {t(`fields.${field.name}`)}
            </Heading>
            {field.status === "formatting" ? (
              <p className="text-muted">{t("formatting")}</p>
            ) : (
              <ChangedField field={field} view={view} labels={labels} />
            )}
          </div>
        ),
      )}
      {unchanged.length === fields.length ? (
        <p className="text-muted">{t("nothingChanged")}</p>
      ) : unchanged.length > 0 ? (
        <p className="text-sm text-muted">
          {/* With one side missing, a field the same on both is a field with nothing in it. */}
          {t(before && after ? "unchanged" : "empty", {
            fields: format.list(unchanged.map((field) => t(`fields.${field.name}`))),
          })}
        </p>
      ) : null}
    </div>
  );
}
