import { parse, TYPE } from "@formatjs/icu-messageformat-parser";
import compile from "icu-minify/compile";
import { describe, expect, it } from "vitest";
import { auditActions, auditSubjectTypes, publicDetailKeys } from "@/lib/audit/rules";
import { groups, roles } from "@/lib/community/rules";
import { phases } from "@/lib/decisions/rules";
import { callKind, voteChoice, voteStage } from "@/lib/decisions/schema";
import { stances } from "@/lib/decisions/tally";
import { threadKinds } from "@/lib/discussion/rules";
import { relationships } from "@/lib/drafting/mappings";
import { sectionKinds } from "@/lib/drafting/sections-rules";
import { errorCodes, fieldErrorCodes } from "@/lib/errors";
import { catalogues, messages } from "@/lib/i18n";
import { locales } from "@/lib/locale";
import { translationLocales } from "@/lib/translations/content";
import { ABSENT } from "@/lib/transparency/sentence";

/** A message of the catalogue by its dotted path, or undefined. */
function messageAt(path: string): unknown {
  let node: unknown = messages;
  for (const part of path.split(".")) {
    node = typeof node === "object" && node !== null ? Reflect.get(node, part) : undefined;
  }
  return node;
}

type Argument = { name: string; branches: string[] | null };

/**
 * The arguments an ICU message names, read from the form next-intl's plugin compiles the catalogue
 * to (next.config.ts precompiles it with this compiler), so the test sees what the build sees:
 * a list of nodes; a node is text, `#`, `[name]`, or `[name, type, …]` with a select's or a
 * plural's branches (each a list again) as its third element. Tags would be `[name, child, …]`.
 */
function argumentsOf(message: string): Argument[] {
  const found: Argument[] = [];
  const walkList = (list: unknown): void => {
    if (!Array.isArray(list)) return; // text or `#`
    for (const node of list) if (Array.isArray(node)) walkNode(node);
  };
  const walkNode = (node: unknown[]): void => {
    const [name, type, options] = node;
    if (typeof name !== "string") throw new Error(`unexpected node ${JSON.stringify(node)}`);
    if (node.length === 1) found.push({ name, branches: null });
    else if (typeof type !== "number") throw new Error(`a sentence uses a tag: <${name}>`);
    else if (type === 1 && typeof options === "object" && options !== null) {
      found.push({ name, branches: Object.keys(options) });
      for (const branch of Object.values(options)) walkList(branch);
    } else if ((type === 2 || type === 3) && typeof options === "object" && options !== null) {
      found.push({ name, branches: null });
      for (const branch of Object.values(options)) walkList(branch);
    } else found.push({ name, branches: null });
  };
  walkList(compile(message));
  return found;
}

// Every code an action can return, every field error lib/ can raise, and every action and kind
// of subject the public log records has words to show.
describe("message catalogue", () => {
  it("has a message for every error code", () => {
    for (const code of errorCodes) expect(messages.errors).toHaveProperty(code);
  });

  it("has a message for every field error", () => {
    for (const code of fieldErrorCodes) expect(messages.fieldErrors).toHaveProperty(code);
  });

  it("has a sentence for every action in the public log and a name for every kind of subject", () => {
    for (const action of auditActions) {
      expect(typeof messageAt(`transparency.sentences.${action}`), action).toBe("string");
    }
    for (const type of auditSubjectTypes)
      expect(messages.transparency.subjects).toHaveProperty(type);
  });

  it("lets the log's sentences name only the actor, the subject and the details shown publicly", () => {
    const allowed = new Set<string>(["actor", "subject", ...publicDetailKeys]);
    for (const action of auditActions) {
      const message = messageAt(`transparency.sentences.${action}`);
      if (typeof message !== "string") continue; // the test above fails
      for (const argument of argumentsOf(message)) {
        expect(allowed, `${action} names {${argument.name}}`).toContain(argument.name);
        // Details reach a sentence in words ("no objection", not no_objection), so a select can
        // only tell a detail the entry lacks from one it has.
        if (argument.branches) {
          expect(argument.branches.sort(), `${action}: {${argument.name}, select, …}`).toEqual(
            [ABSENT, "other"].sort(),
          );
        }
      }
    }
  });

  it("finds the arguments of nested selects and plurals", () => {
    const names = argumentsOf(
      "{a} {b, select, none {} other {{c} {d, plural, one {# {e}} other {#}}}} {f, number}",
    ).map((argument) => argument.name);
    expect(names.sort()).toEqual(["a", "b", "c", "d", "e", "f"]);
  });

  it("has words for every value a shown detail takes", () => {
    const terms = messages.transparency.terms;
    const vocabularies: [keyof typeof terms, readonly string[]][] = [
      ["stances", stances],
      ["relationships", relationships],
      ["threadKinds", threadKinds],
      ["callKinds", callKind.enumValues],
      ["stages", voteStage.enumValues],
      ["choices", voteChoice.enumValues],
      ["phases", phases],
      ["groups", groups],
      ["roles", roles],
      ["sectionKinds", sectionKinds],
      ["languages", translationLocales],
      [
        "refusals",
        [
          "not_secretariat",
          "not_release_manager",
          ...groups.flatMap((group) => [`not_${group}`, `not_${group}_chair`]),
        ],
      ],
    ];
    for (const [vocabulary, values] of vocabularies) {
      for (const value of values) expect(terms[vocabulary], vocabulary).toHaveProperty(value);
      // A word must never read as the sentinel that marks a missing detail.
      for (const words of Object.values(terms[vocabulary])) expect(words).not.toBe(ABSENT);
    }
  });

  it("has no empty strings", () => {
    const walk = (value: unknown, path: string): void => {
      if (typeof value === "string") expect(value.trim(), path).not.toBe("");
      else if (value && typeof value === "object") {
        for (const [key, child] of Object.entries(value)) walk(child, `${path}.${key}`);
      }
    };
    walk(messages, "messages");
  });
});

/**
 * What a translation must keep of a message: each argument with its kind, each select with its
 * options, each rich-text tag. Plurals may have other categories (French and German count
 * differently), so only their argument counts. A message that does not parse says so.
 */
function shapeOf(message: string): string[] {
  const found = new Set<string>();
  const walk = (nodes: ReturnType<typeof parse>): void => {
    for (const node of nodes) {
      if (node.type === TYPE.argument) found.add(`argument ${node.value}`);
      else if (node.type === TYPE.number) found.add(`number ${node.value}`);
      else if (node.type === TYPE.date || node.type === TYPE.time) found.add(`date ${node.value}`);
      else if (node.type === TYPE.select) {
        found.add(`select ${node.value}: ${Object.keys(node.options).sort().join("|")}`);
        for (const option of Object.values(node.options)) walk(option.value);
      } else if (node.type === TYPE.plural) {
        found.add(`plural ${node.value}`);
        for (const option of Object.values(node.options)) walk(option.value);
      } else if (node.type === TYPE.tag) {
        found.add(`tag ${node.value}`);
        walk(node.children);
      }
    }
  };
  try {
    walk(parse(message));
  } catch (error) {
    return [`does not parse: ${error instanceof Error ? error.message : String(error)}`];
  }
  return [...found].sort();
}

/**
 * Every way `translated` differs from `reference`: a key missing or extra, a message where the
 * reference has a group (or the reverse), a message whose shape differs. Paths are dotted.
 */
function differences(reference: unknown, translated: unknown, path = ""): string[] {
  const problems: string[] = [];
  const isGroup = (value: unknown): value is Record<string, unknown> =>
    typeof value === "object" && value !== null;
  if (!isGroup(reference) || !isGroup(translated)) return [`${path || "(root)"}: not a group`];
  for (const [key, expected] of Object.entries(reference)) {
    const at = path ? `${path}.${key}` : key;
    if (!Object.hasOwn(translated, key)) {
      problems.push(`${at}: missing`);
      continue;
    }
    const actual = translated[key];
    if (isGroup(expected) || isGroup(actual)) {
      if (isGroup(expected) && isGroup(actual)) problems.push(...differences(expected, actual, at));
      else problems.push(`${at}: a message in one language, a group in the other`);
    } else if (typeof expected !== "string" || typeof actual !== "string") {
      problems.push(`${at}: not a message`);
    } else {
      const want = shapeOf(expected).join(", ");
      const got = shapeOf(actual).join(", ");
      if (want !== got) problems.push(`${at}: arguments differ (${want} / ${got})`);
    }
  }
  for (const key of Object.keys(translated)) {
    if (!Object.hasOwn(reference, key)) problems.push(`${path ? `${path}.${key}` : key}: extra`);
  }
  return problems;
}

// English is the reference; every other language holds the same keys, and every message the
// same arguments, select options and tags, so that no reader meets a raw key or a lost name.
describe("each language's catalogue", () => {
  for (const locale of locales.filter((locale) => locale !== "en")) {
    it(`${locale} has English's keys, and English has its keys, with the same arguments`, () => {
      expect(differences(catalogues.en, catalogues[locale])).toEqual([]);
      expect(differences(catalogues[locale], catalogues.en)).toEqual([]);
    });
  }

  it("tells a renamed argument, a lost select option, a lost tag and a missing key apart", () => {
    const english = {
      greeting: "Hello {name}",
      state: "{state, select, open {Open} other {Closed}}",
      count: "{count, plural, one {# call} other {# calls}}",
      link: "Read <link>the guide</link>",
      group: { deep: "{when, date, short}" },
    };
    const faithful = {
      greeting: "Bonjour {name}",
      state: "{state, select, open {Ouvert} other {Fermé}}",
      count: "{count, plural, one {# appel} many {# appels} other {# appels}}",
      link: "Lisez <link>le guide</link>",
      group: { deep: "{when, date, short}" },
    };
    expect(differences(english, faithful)).toEqual([]);
    const broken = {
      greeting: "Bonjour {nom}",
      state: "{state, select, other {Fermé}}",
      count: "{count, number}",
      link: "Lisez le guide",
      group: {},
      extra: "Rien",
    };
    const problems = differences(english, broken);
    expect(problems).toHaveLength(6);
    for (const key of ["greeting", "state", "count", "link", "group.deep", "extra"]) {
      expect(
        problems.some((problem) => problem.startsWith(`${key}:`)),
        key,
      ).toBe(true);
    }
    expect(differences(english, { ...faithful, greeting: "Bonjour {name" })).toEqual([
      expect.stringMatching(/^greeting: arguments differ \(argument name \/ does not parse/),
    ]);
  });
});
