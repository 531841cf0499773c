import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ClauseChanges } from "@/components/changes/clause-changes";
import { Section } from "@/components/ui/page";
import {
  type CallItemView,
  filterItems,
  type ItemFilters,
  itemCounts,
} from "@/lib/decisions/call-items";
import type { CallPage } from "@/lib/decisions/call-page";
import { callItemKinds } from "@/lib/decisions/schema";
import type { DiffView } from "@/lib/drafting/diff";
import { callPath, callThreadPath, draftClausePath } from "@/lib/paths";

type Call = CallPage["call"];

/** "12 changes: 9 adopted, 1 with the advisory group, 2 pending", then by kind. */
async function Summary({ items }: { items: CallItemView[] }) {
  const t = await getTranslations("decisions.lastCall");
  const counts = itemCounts(items);
  const outcomes = Object.entries(counts.byOutcome).map(([outcome, count]) =>
    t(`outcomeCounts.${outcome as CallItemView["outcome"]}`, { count }),
  );
  const kinds = Object.entries(counts.byKind).map(([kind, count]) =>
    t(`kindCounts.${kind as CallItemView["kind"]}`, { count }),
  );
  return (
    <div className="mb-4 rounded-lg border border-line bg-white p-4" data-testid="change-summary">
      <p className="font-medium">
        {t("summary", { count: counts.total })} {outcomes.join(", ")}.
      </p>
      <p className="text-sm text-muted">{kinds.join(" · ")}</p>
    </div>
  );
}

/** The filters, as a plain GET form: they work without JavaScript and give a linkable page. */
async function Filters({
  call,
  items,
  filters,
}: {
  call: Call;
  items: CallItemView[];
  filters: ItemFilters;
}) {
  const t = await getTranslations("decisions.lastCall");
  const modules = [...new Set(items.flatMap((item) => (item.moduleCode ? [item.moduleCode] : [])))];
  const kinds = callItemKinds.filter((kind) => items.some((item) => item.kind === kind));
  return (
    <form
      method="get"
      action={callPath(call.slug, call.number)}
      className="mb-4 flex flex-wrap items-end gap-4 text-sm"
    >
      <label className="flex flex-col gap-1">
        {t("filters.module")}
        <select
          name="module"
          defaultValue={filters.module}
          className="rounded border border-line bg-white px-2 py-1"
        >
          <option value="">{t("filters.anyModule")}</option>
          {modules.map((code) => (
            <option key={code} value={code}>
              {code}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1">
        {t("filters.kind")}
        <select
          name="kind"
          defaultValue={filters.kind}
          className="rounded border border-line bg-white px-2 py-1"
        >
          <option value="">{t("filters.anyKind")}</option>
          {kinds.map((kind) => (
            <option key={kind} value={kind}>
              {t(`kinds.${kind}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-2 pb-1">
        <input type="checkbox" name="objected" value="1" defaultChecked={filters.objected} />
        {t("filters.objected")}
      </label>
      <button type="submit" className="rounded border border-line bg-white px-3 py-1 font-medium">
        {t("filters.apply")}
      </button>
      {filters.module || filters.kind || filters.objected ? (
        <Link href={callPath(call.slug, call.number)} className="pb-1 underline">
          {t("filters.clear")}
        </Link>
      ) : null}
    </form>
  );
}

async function Item({ call, item, view }: { call: Call; item: CallItemView; view: DiffView }) {
  const [t, tChanges, tPhases] = await Promise.all([
    getTranslations("decisions.lastCall"),
    getTranslations("changes.call"),
    getTranslations("decisions.phases"),
  ]);
  const adopting = item.kind === "adopt_clause" || item.kind === "adopt_section";
  return (
    <li className="p-4" id={`change-${item.position}`} data-testid="change">
      <h3 className="flex flex-wrap items-baseline justify-between gap-2 font-semibold">
        <span>
          {item.isSection ? (
            <span>{item.title}</span>
          ) : (
            <Link href={draftClausePath(call.slug, item.key)} className="underline">
              {item.key}
            </Link>
          )}
          {item.isSection ? null : ` · ${item.title}`}
        </span>
        <span className="rounded border border-line px-2 py-0.5 text-sm font-normal">
          {t(`outcomes.${item.outcome}`)}
        </span>
      </h3>
      <p className="mb-2 text-sm text-muted">
        {t(`kinds.${item.kind}`)}
        {item.moduleCode ? ` · ${item.moduleCode}` : null}
        {item.toModule ? ` → ${item.toModule}` : null}
        {item.revision !== null ? ` · ${t("revision", { number: item.revision })}` : null}
      </p>
      {item.escalated ? (
        <p className="mb-2">
          <Link href={callPath(call.slug, item.escalated.number)} className="underline">
            {t("escalatedTo", { number: item.escalated.number })}
          </Link>{" "}
          · {tPhases(item.escalated.phase)}
        </p>
      ) : null}
      {item.objections.length > 0 ? (
        <ul className="mb-2 text-sm">
          {item.objections.map((objection) => (
            <li key={objection.threadId}>
              <Link
                href={callThreadPath(call.slug, call.number, objection.threadId)}
                className="underline"
              >
                {t("objectedBy", { name: objection.author, state: objection.state })}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      {adopting && item.proposed ? (
        <>
          <p className="mb-2 text-sm">
            {item.before ? t("against", { number: item.before.revision }) : t("neverAdopted")}
          </p>
          <ClauseChanges
            before={item.before?.clause ?? null}
            after={item.proposed}
            view={view}
            labels={{
              before: item.before ? tChanges("adopted", { number: item.before.revision }) : "",
              after: tChanges("proposed", { number: item.revision ?? 0 }),
            }}
            headingLevel={4}
          />
        </>
      ) : null}
    </li>
  );
}

/** Every change a last call decides, in the document's order, with its diff and outcome. */
export async function CallChangeList({
  page,
  filters,
  view,
}: {
  page: CallPage;
  filters: ItemFilters;
  view: DiffView;
}) {
  const t = await getTranslations("decisions.lastCall");
  if (!page.changes) return null;
  const { items, wholeCallObjections } = page.changes;
  const shown = filterItems(items, filters);
  return (
    <Section title={t("changes")}>
      <Summary items={items} />
      {wholeCallObjections > 0 ? (
        <p className="mb-4">{t("wholeCallObjections", { count: wholeCallObjections })}</p>
      ) : null}
      {items.length > 1 ? (
        <>
          <Filters call={page.call} items={items} filters={filters} />
          <p className="mb-2 text-sm text-muted">
            {t("shown", { shown: shown.length, total: items.length })}
          </p>
        </>
      ) : null}
      {shown.length > 0 ? (
        <ol className="divide-y divide-line rounded-lg border border-line bg-white">
          {shown.map((item) => (
            <Item key={item.id} call={page.call} item={item} view={view} />
          ))}
        </ol>
      ) : (
        <p className="text-muted">{t("noneShown")}</p>
      )}
    </Section>
  );
}
