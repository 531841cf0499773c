/**
 * Comparing releases of a large standard: the time `compareReleases` takes between two of 20
 * releases of a generated 1,000-clause standard.
 *
 *   npx tsx --import ./scripts/outside-next.mjs bench/compare.ts \
 *     [clauses=1000] [releases=20] [seed=1]
 *
 * The standard has 5 modules and 3 levels; every clause has a sentence-length body with RFC 2119
 * keywords, assessment criteria and sometimes a list of examples. Each release after the first
 * edits about 5% of the clauses (mostly a reworded body, sometimes an added sentence, a full
 * rewrite, a new title, strength, level, assessment or examples), adds and removes a few and
 * moves a few within or across modules. Every release is copied through JSON, as if read
 * from storage, so no two releases share objects. Pairs timed: first with last, each adjacent
 * pair, and 20 random pairs, each 5 times after one untimed warm-up run of every pair.
 * Budget from the design: every comparison ≤ 100 ms. The first comparison in the process is shown
 * apart: it includes compiling the diff code. Pure computation: no network, no database.
 */
import { performance } from "node:perf_hooks";
import type { RichText, Strength } from "@/lib/drafting/rich-text";
import { compareReleases } from "@/lib/releases/compare";
import type { ReleaseClause, ReleaseContent } from "@/lib/releases/content";
import { suggestNextVersion } from "@/lib/releases/versions";

const clauseCount = Number(process.argv[2] ?? 1000);
const releaseCount = Number(process.argv[3] ?? 20);
let seed = Number(process.argv[4] ?? 1) >>> 0;
const repeats = 5;
const budgetMs = 100;

/** mulberry32: a small seeded generator, so every run measures the same releases. */
function random(): number {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const below = (n: number) => Math.floor(random() * n);

const modules = ["ORG", "HW", "SW", "LEGAL", "DATA"];
const levels = ["bronze", "silver", "gold"];
const subjects = [
  "The manufacturer",
  "The device",
  "The vendor",
  "The companion app",
  "The service",
];
const verbs = ["encrypt", "document", "publish", "log", "verify", "update", "disclose", "retain"];
const objects = [
  "personal data in transit",
  "a vulnerability disclosure policy",
  "firmware images before installation",
  "the support period at the point of sale",
  "default credentials unique to each unit",
  "security updates for at least five years",
  "which third parties receive telemetry",
];
const tails = ["", " without undue delay", " in plain language", " on a public web page"];
const keyword: Record<Strength, string[]> = {
  MUST: ["MUST", "MUST NOT", "SHALL"],
  SHOULD: ["SHOULD", "SHOULD NOT", "RECOMMENDED"],
  MAY: ["MAY", "OPTIONAL"],
};

const sentence = (strength: Strength) =>
  `${pick(subjects)} ${pick(keyword[strength])} ${pick(verbs)} ${pick(objects)}${pick(tails)}.`;
const paragraph = (text: string): RichText => ({
  type: "paragraph",
  content: [{ type: "text", text }],
});
const sentences = (count: number, strength: Strength): RichText => ({
  type: "doc",
  content: [paragraph(Array.from({ length: count }, () => sentence(strength)).join(" "))],
});
const examples = (): RichText =>
  random() < 0.5
    ? { type: "doc", content: [] }
    : {
        type: "doc",
        content: [
          {
            type: "bulletList",
            content: Array.from({ length: 1 + below(3) }, () => ({
              type: "listItem",
              content: [paragraph(`For example, ${pick(objects)}.`)],
            })),
          },
        ],
      };

let nextRef = 0;
function newClause(moduleCode: string): ReleaseClause {
  const strength = pick<Strength>(["MUST", "MUST", "SHOULD", "SHOULD", "MAY"]);
  nextRef += 1;
  return {
    ref: `${moduleCode}-${nextRef}`,
    moduleCode,
    position: 0,
    title: `${pick(verbs)} ${pick(objects)}`.replace(/^./, (c) => c.toUpperCase()),
    strength,
    level: random() < 0.1 ? null : pick(levels),
    body: sentences(1 + below(3), strength),
    assessment: sentences(1 + below(2), "SHOULD"),
    examples: examples(),
  };
}

/** Orders clauses by module, then by their place in the list, and numbers them within modules. */
function arrange(clauses: ReleaseClause[]): ReleaseClause[] {
  const seen = new Map<string, number>();
  return modules.flatMap((code) =>
    clauses
      .filter((c) => c.moduleCode === code)
      .map((c) => {
        const position = (seen.get(code) ?? 0) + 1;
        seen.set(code, position);
        return { ...c, position };
      }),
  );
}

/** Replaces, inserts or deletes one word of the first paragraph, as most redrafting does. */
function reword(text: RichText): RichText {
  const words = (text.content?.[0]?.content?.[0]?.text ?? "").split(" ");
  const at = below(words.length);
  const choice = below(3);
  if (choice === 0) words[at] = pick(verbs);
  else if (choice === 1) words.splice(at, 0, pick(["clearly", "promptly", "securely", "all"]));
  else if (words.length > 4) words.splice(at, 1);
  return { type: "doc", content: [paragraph(words.join(" "))] };
}

/** One revision: mostly word-level rewording, sometimes a new sentence or a full rewrite. */
function edit(clause: ReleaseClause): ReleaseClause {
  const choice = below(10);
  if (choice === 0) return { ...clause, title: `${clause.title} (revised)` };
  if (choice === 1) return { ...clause, strength: pick<Strength>(["MUST", "SHOULD", "MAY"]) };
  if (choice === 2) return { ...clause, level: pick([...levels, null]) };
  if (choice === 3) return { ...clause, assessment: reword(clause.assessment) };
  if (choice === 4) return { ...clause, examples: examples() };
  if (choice === 5) return { ...clause, body: sentences(1 + below(3), clause.strength) };
  if (choice === 6) {
    const first = clause.body.content?.[0]?.content?.[0]?.text ?? "";
    return {
      ...clause,
      body: { type: "doc", content: [paragraph(`${first} ${sentence(clause.strength)}`)] },
    };
  }
  return { ...clause, body: reword(clause.body) };
}

function nextRelease(previous: ReleaseClause[]): ReleaseClause[] {
  let clauses = previous.map((c) => (random() < 0.05 ? edit(c) : c));
  for (let removals = 2 + below(4); removals > 0; removals--)
    clauses.splice(below(clauses.length), 1);
  for (let moves = 2 + below(4); moves > 0; moves--) {
    const [moved] = clauses.splice(below(clauses.length), 1);
    if (moved) clauses.splice(below(clauses.length), 0, { ...moved, moduleCode: pick(modules) });
  }
  for (let additions = 2 + below(5); additions > 0; additions--) {
    clauses.splice(below(clauses.length), 0, newClause(pick(modules)));
  }
  clauses = arrange(clauses);
  return clauses;
}

function content(version: string, clauses: ReleaseClause[]): ReleaseContent {
  const release: ReleaseContent = {
    standard: { slug: "bench", name: "Generated standard", summary: "For timing comparisons." },
    version,
    notes: "",
    modules: modules.map((code) => ({ code, name: code, summary: "" })),
    levels: levels.map((name) => ({ name, summary: "" })),
    clauses,
  };
  // A copy with nothing shared, as releases read from storage would be.
  return JSON.parse(JSON.stringify(release)) as ReleaseContent;
}

let clauses = arrange(
  Array.from({ length: clauseCount }, (_, i) => newClause(modules[i % 5] ?? "ORG")),
);
const releases: ReleaseContent[] = [];
for (let i = 0; i < releaseCount; i++) {
  if (i > 0) clauses = nextRelease(clauses);
  releases.push(content(`1.${i}.0`, clauses));
}
const at = (index: number) => releases[index] as ReleaseContent;

const groups: { name: string; pairs: [number, number][] }[] = [
  { name: "first...last", pairs: [[0, releaseCount - 1]] },
  { name: "adjacent", pairs: Array.from({ length: releaseCount - 1 }, (_, i) => [i, i + 1]) },
  {
    name: "random",
    pairs: Array.from({ length: 20 }, () => {
      const a = below(releaseCount);
      return [a, (a + 1 + below(releaseCount - 1)) % releaseCount];
    }),
  },
];

const coldStart = performance.now();
const firstLast = compareReleases(at(0), at(releaseCount - 1));
const coldMs = performance.now() - coldStart;
for (const group of groups) for (const [a, b] of group.pairs) compareReleases(at(a), at(b));

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const ms = (value: number) => value.toFixed(2).padStart(8);

console.log(
  `${releaseCount} releases of ${at(0).clauses.length}…${at(releaseCount - 1).clauses.length}` +
    ` clauses, ${repeats} runs per pair, seed ${process.argv[4] ?? 1}`,
);
console.log(`first...last: ${JSON.stringify(firstLast.summary)}`);
console.log(
  "pairs".padEnd(14),
  "runs".padStart(5),
  "p50 ms".padStart(8),
  "p95 ms".padStart(8),
  "max ms".padStart(8),
  "budget".padStart(8),
);
let worst = 0;
const timed = (name: string, runs: number, run: () => void) => {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const max = times.at(-1) ?? 0;
  worst = Math.max(worst, max);
  console.log(
    name.padEnd(14),
    String(times.length).padStart(5),
    ms(percentile(times, 50)),
    ms(percentile(times, 95)),
    ms(max),
    `≤${budgetMs}`.padStart(8),
  );
};
for (const group of groups) {
  let index = 0;
  timed(group.name, group.pairs.length * repeats, () => {
    const [a, b] = group.pairs[Math.floor(index++ / repeats)] ?? [0, 0];
    compareReleases(at(a), at(b));
  });
}
let step = 0;
timed("suggest next", (releaseCount - 1) * repeats, () => {
  const i = 1 + (Math.floor(step++ / repeats) % (releaseCount - 1));
  suggestNextVersion(at(i - 1), at(i).clauses);
});
const verdict = (value: number) => (value <= budgetMs ? "within budget" : "OVER budget");
console.log(
  `slowest warm comparison: ${worst.toFixed(2)} ms, ${verdict(worst)} (≤ ${budgetMs} ms)`,
);
// The first call also pays for compiling the diff code; a server pays it once, not per request.
console.log(`first call in this process: ${coldMs.toFixed(2)} ms, ${verdict(coldMs)}`);
