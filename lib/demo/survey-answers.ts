import type { Answers, AnswerValue, Question } from "@/lib/reviews/questions";

/*
 * The demo's surveys: their questions, and answers generated from a fixed seed so every demo is
 * the same and reads like real people: mostly favourable, not uniformly, with a few free-text
 * answers, only some of which are fit to publish.
 */

const choice = (choice: string): AnswerValue => ({ kind: "choice", choice });

/** Asked of anyone who bought, or thought of buying, a product that shows the mark. */
export const purchaserQuestions: Question[] = [
  {
    id: "bought",
    kind: "single_choice",
    prompt: "Have you bought a product that shows the IoTmark?",
    required: true,
    options: [
      { key: "yes", label: "Yes" },
      { key: "no", label: "No" },
      { key: "unsure", label: "I am not sure" },
    ],
    allowOther: false,
  },
  {
    id: "found",
    kind: "single_choice",
    prompt: "How did you first come across the mark?",
    required: false,
    options: [
      { key: "packaging", label: "On a product's box" },
      { key: "shop", label: "In a shop or on a shop's website" },
      { key: "article", label: "In a review or an article" },
      { key: "registry", label: "On the public registry" },
      { key: "people", label: "From friends or family" },
    ],
    allowOther: true,
  },
  {
    id: "matters",
    kind: "multiple_choice",
    prompt: "Which of these matter most to you when you buy a connected device?",
    help: "Tick up to three.",
    required: false,
    options: [
      { key: "privacy", label: "What happens to my data" },
      { key: "security", label: "Whether it can be broken into" },
      { key: "updates", label: "How long it gets updates" },
      { key: "repair", label: "Whether it can be repaired" },
      { key: "offline", label: "Whether it works without the maker's cloud" },
      { key: "price", label: "The price" },
    ],
    allowOther: false,
  },
  {
    id: "trust",
    kind: "scale",
    prompt: "How far does the mark make you trust a product?",
    required: true,
    lowLabel: "Not at all",
    highLabel: "Fully",
  },
  {
    id: "ratings",
    kind: "matrix",
    prompt: "How well do the marked products you know do on each of these?",
    required: false,
    rows: [
      { key: "privacy", label: "Privacy" },
      { key: "security", label: "Security" },
      { key: "repairability", label: "Repairability" },
      { key: "updates", label: "Updates" },
    ],
    lowLabel: "Badly",
    highLabel: "Very well",
  },
  {
    id: "order",
    kind: "ordering",
    prompt: "Put these in order, the most important to you first.",
    required: false,
    options: [
      { key: "support", label: "The number of years of updates, printed on the box" },
      { key: "data", label: "Where my data is kept" },
      { key: "parts", label: "Spare parts and a repair guide" },
      { key: "terms", label: "Terms I can read in five minutes" },
    ],
  },
  {
    id: "helped",
    kind: "long_text",
    prompt: "How did the mark help you?",
    required: false,
    showIf: { questionId: "bought", equals: "yes" },
  },
];

/** Asked of each organisation with a declaration, once per organisation. */
export const organisationQuestions: Question[] = [
  {
    id: "stage",
    kind: "single_choice",
    prompt: "How far has your organisation gone with the mark?",
    required: true,
    options: [
      { key: "listed", label: "At least one product is listed" },
      { key: "declaring", label: "We started a declaration" },
      { key: "looked", label: "We read the standard and stopped there" },
    ],
    allowOther: false,
  },
  {
    id: "effort",
    kind: "scale",
    prompt: "How much work was a declaration, against what you expected?",
    required: true,
    lowLabel: "Much less",
    highLabel: "Much more",
  },
  {
    id: "hardest",
    kind: "multiple_choice",
    prompt: "Which modules were hardest to answer for?",
    required: false,
    options: [
      { key: "org", label: "Organisation" },
      { key: "hw", label: "Hardware" },
      { key: "sw", label: "Software" },
      { key: "legal", label: "Legal" },
      { key: "data", label: "Data" },
    ],
    allowOther: true,
  },
  {
    id: "fit",
    kind: "matrix",
    prompt: "How far do you agree?",
    required: false,
    rows: [
      { key: "clauses", label: "The clauses say clearly what is asked" },
      { key: "evidence", label: "It is clear what counts as evidence" },
      { key: "levels", label: "The levels fit our products" },
    ],
    lowLabel: "Disagree",
    highLabel: "Agree",
  },
  {
    id: "change",
    kind: "long_text",
    prompt: "What one change would make the mark easier to use well?",
    required: false,
  },
];

/** The organisations' answers, by organisation slug (seed-registry.ts), with their free text. */
export const organisationAnswers: Record<string, Answers> = {
  brightbulb: {
    stage: choice("listed"),
    effort: { kind: "scale", value: 4 },
    hardest: { kind: "choices", choices: ["sw", "data"] },
    fit: { kind: "matrix", values: { clauses: 4, evidence: 2, levels: 4 } },
    change: {
      kind: "text",
      text: "Examples of accepted evidence for each clause. We spent most of our time guessing whether a public changelog was enough for the update clauses.",
    },
  },
  hearthly: {
    stage: choice("listed"),
    effort: { kind: "scale", value: 3 },
    hardest: {
      kind: "choices",
      choices: ["hw", "legal"],
      other: "Our contract manufacturer's part",
    },
    fit: { kind: "matrix", values: { clauses: 3, evidence: 3, levels: 2 } },
    change: {
      kind: "text",
      text: "A Bronze level for hardware only, so a maker that does not write its own firmware can still say what it does well.",
    },
  },
};

/**
 * Buyers' own words on how the mark helped. Some would identify their authors or others, so the
 * secretariat publishes only those marked `publishable` (the seed marks them, as it would).
 */
export const purchaserTexts: { text: string; publishable: boolean }[] = [
  {
    text: "I was choosing between two thermostats. The listing showed which one would still get updates in five years, and that decided it.",
    publishable: true,
  },
  {
    text: "My neighbour Jean-Marc at number 14 told me about it when my old camera stopped working, and I checked the registry before buying.",
    publishable: false,
  },
  {
    text: "The mark on the box made me look up what the plug sends to the cloud. I had never thought to ask before.",
    publishable: true,
  },
  {
    text: "Honestly it did not help much: the shop assistant did not know what it meant and the box did not say which level.",
    publishable: false,
  },
  {
    text: "I bought the baby monitor because of it and then read that its listing lapsed. Please write to buyers when that happens, my address is on the order.",
    publishable: false,
  },
  {
    text: "It gave me words for what I wanted: a device that keeps working when the maker's servers go away.",
    publishable: false,
  },
];

/** A small, fast generator with a fixed seed (mulberry32): the same demo every time. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One of `items`, with the weights given beside them. */
function pick<T>(random: () => number, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [item, weight] of items) {
    roll -= weight;
    if (roll < 0) return item;
  }
  return (items.at(-1) as readonly [T, number])[0];
}

const clampScale = (value: number) => Math.min(5, Math.max(1, Math.round(value)));

const otherWays = [
  "A repair café volunteer pointed it out",
  "A leaflet from my housing association",
  "A consumer podcast",
];

export type GeneratedResponse = { answers: Answers; text?: { text: string; publishable: boolean } };

/**
 * `count` purchasers' responses, varied but repeatable: buyers who bought trust the mark more
 * than those who did not; about one in five who bought wrote a few words (the texts above, in
 * order, until they run out).
 */
export function purchaserResponses(count: number, seed: number): GeneratedResponse[] {
  const random = seededRandom(seed);
  let texts = 0;
  return Array.from({ length: count }, () => {
    const bought = pick(random, [
      ["yes", 6],
      ["no", 2.5],
      ["unsure", 1.5],
    ] as const);
    const answers: Answers = { bought: choice(bought) };
    if (random() < 0.9) {
      answers.found =
        random() < 0.08
          ? { kind: "choice", choice: null, other: otherWays[Math.floor(random() * 3)] ?? "" }
          : choice(
              pick(random, [
                ["packaging", 4],
                ["shop", 2],
                ["article", 2.5],
                ["registry", 1],
                ["people", 1.5],
              ] as const),
            );
    }
    const matters = (purchaserQuestions[2] as { options: { key: string }[] }).options
      .map(({ key }) => key)
      .filter((key) => random() < (key === "price" ? 0.25 : key === "privacy" ? 0.6 : 0.4))
      .slice(0, 3);
    if (matters.length > 0) answers.matters = { kind: "choices", choices: matters };
    const leaning = bought === "yes" ? 3.8 : bought === "no" ? 2.6 : 3.1;
    answers.trust = { kind: "scale", value: clampScale(leaning + (random() - 0.5) * 2.6) };
    if (random() < 0.8) {
      const rate = (shift: number) => clampScale(leaning + shift + (random() - 0.5) * 2.4);
      answers.ratings = {
        kind: "matrix",
        values: {
          privacy: rate(0.3),
          security: rate(0.1),
          repairability: rate(-0.9),
          updates: rate(-0.2),
        },
      };
    }
    if (random() < 0.7) {
      // Most put the support period or their data first; a shuffle of the rest.
      const order = ["support", "data", "parts", "terms"];
      for (let index = order.length - 1; index > 0; index--) {
        const other = Math.floor(random() * (index + 1));
        [order[index], order[other]] = [order[other] as string, order[index] as string];
      }
      if (random() < 0.4 && order[0] !== "support") {
        order.splice(order.indexOf("support"), 1);
        order.unshift("support");
      }
      answers.order = { kind: "ordering", order };
    }
    const text = bought === "yes" && random() < 0.2 ? purchaserTexts[texts] : undefined;
    if (!text) return { answers };
    texts += 1;
    answers.helped = { kind: "text", text: text.text };
    return { answers, text };
  });
}
