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
import { messages } from "@/lib/i18n";
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
