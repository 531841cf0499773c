import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  type Answer,
  addMonths,
  answerProblems,
  type Claim,
  claimProblems,
  claimSummary,
  type DeclarationBody,
  declarationDigest,
  evidenceProblem,
  isWebUrl,
  MAX_EVIDENCE_PER_ANSWER,
  MAX_JUSTIFICATION,
  parseEvidence,
  publishedBody,
  reminderDue,
  requiredClauses,
  sameBody,
} from "@/lib/registry/rules";
import { canonicalJson } from "@/lib/releases/content";
import { clause, release } from "@/tests/release-content";

// Two modules over three levels, with a recommended-only clause and one at an unknown level.
const content = release("1.2.0", [
  clause("SW-1", { strength: "MUST", level: "bronze" }),
  clause("SW-2", { strength: "SHOULD", level: "silver" }),
  clause("SW-3", { strength: "MAY", level: "gold" }),
  clause("SW-4", { strength: "SHOULD", level: null }),
  clause("DATA-1", { strength: "MUST", level: "bronze" }),
  clause("DATA-2", { strength: "MAY", level: "silver" }),
  clause("DATA-3", { strength: "SHOULD", level: "platinum" }),
]);
const refs = (claims: Claim[]) => requiredClauses(content, claims).map((c) => c.ref);
const met = (ref: string, evidence = ["https://example.org/e"]): Answer => ({
  ref,
  answer: "met",
  justification: "Because.",
  evidence,
});

describe("requiredClauses", () => {
  it("requires each claimed module's clauses at or below its level, in release order", () => {
    expect(refs([{ module: "SW", level: "bronze" }])).toEqual(["SW-1"]);
    expect(refs([{ module: "SW", level: "silver" }])).toEqual(["SW-1", "SW-2"]);
    expect(refs([{ module: "SW", level: "gold" }])).toEqual(["SW-1", "SW-2", "SW-3"]);
    expect(
      refs([
        { module: "DATA", level: "silver" },
        { module: "SW", level: "bronze" },
      ]),
    ).toEqual(["SW-1", "DATA-1", "DATA-2"]);
  });
  it("never requires recommended-only clauses or clauses at a level the release lacks", () => {
    const all = refs([
      { module: "SW", level: "gold" },
      { module: "DATA", level: "gold" },
    ]);
    expect(all).not.toContain("SW-4");
    expect(all).not.toContain("DATA-3");
  });
  it("requires nothing for no claims, an unknown level or an unknown module", () => {
    expect(refs([])).toEqual([]);
    expect(refs([{ module: "SW", level: "diamond" }])).toEqual([]);
    expect(refs([{ module: "HW", level: "gold" }])).toEqual([]);
  });
});

describe("claimProblems", () => {
  it("accepts known modules at known levels", () => {
    expect(claimProblems(content, [{ module: "SW", level: "silver" }])).toEqual({});
  });
  it("asks for at least one module in scope", () => {
    expect(claimProblems(content, [])).toEqual({ claims: "no_modules_in_scope" });
  });
  it("refuses unknown modules and levels next to the module, and repeats", () => {
    expect(
      claimProblems(content, [
        { module: "HW", level: "silver" },
        { module: "SW", level: "diamond" },
        { module: "DATA", level: "bronze" },
        { module: "DATA", level: "gold" },
      ]),
    ).toEqual({
      "claims.HW": "unknown_module",
      "claims.SW": "unknown_level",
      "claims.DATA": "invalid",
    });
  });
});

describe("evidence URLs", () => {
  it("accepts http and https with a host only", () => {
    expect(isWebUrl("https://example.org/a?b=c#d")).toBe(true);
    expect(isWebUrl("http://example.org")).toBe(true);
    for (const bad of [
      "ftp://example.org/x",
      "javascript:alert(1)",
      "mailto:a@example.org",
      "example.org/page",
      "https://exa mple.org",
      "https://",
      "",
      `https://example.org/${"a".repeat(2000)}`,
    ]) {
      expect(isWebUrl(bad), bad).toBe(false);
    }
  });
  it("reads one URL per line, trimmed, without blanks or repeats", () => {
    expect(
      parseEvidence(" https://a.example\r\n\nhttps://b.example \nhttps://a.example\r"),
    ).toEqual(["https://a.example", "https://b.example"]);
    expect(parseEvidence("  \n ")).toEqual([]);
  });
  it("names the problem with a list", () => {
    expect(evidenceProblem([])).toBeNull();
    expect(evidenceProblem(["https://a.example"])).toBeNull();
    expect(evidenceProblem(["https://a.example", "file:///etc/passwd"])).toBe("invalid_url");
    const many = Array.from({ length: MAX_EVIDENCE_PER_ANSWER + 1 }, (_, i) => `https://e/${i}`);
    expect(evidenceProblem(many)).toBe("too_large");
  });
});

describe("answerProblems", () => {
  const required = (...refsWanted: string[]) =>
    content.clauses.filter((c) => refsWanted.includes(c.ref));
  const kinds = ["met", "not_applicable", "not_met"] as const;
  const strengths = { MUST: "SW-1", SHOULD: "SW-2", MAY: "SW-3" } as const;

  for (const [strength, ref] of Object.entries(strengths)) {
    for (const kind of kinds) {
      it(`${kind} for a ${strength} clause`, () => {
        const answer: Answer = {
          ref,
          answer: kind,
          justification: "Explained.",
          evidence: kind === "met" ? ["https://example.org/proof"] : [],
        };
        const expected =
          kind === "not_met" && strength === "MUST"
            ? { [`answers.${ref}.answer`]: "must_be_met" }
            : {};
        expect(answerProblems(required(ref), [answer])).toEqual(expected);
      });
    }
  }

  it("asks for every required clause to be answered, and ignores answers to others", () => {
    expect(answerProblems(required("SW-1", "DATA-1"), [met("SW-1"), met("SW-4")])).toEqual({
      "answers.DATA-1.answer": "required",
    });
  });
  it("asks for a justification for every kind of answer, blank counting as none", () => {
    for (const kind of kinds) {
      const answer: Answer = { ref: "SW-2", answer: kind, justification: "  ", evidence: [] };
      if (kind === "met") answer.evidence = ["https://example.org"];
      expect(answerProblems(required("SW-2"), [answer])).toEqual({
        "answers.SW-2.justification": "required",
      });
    }
  });
  it("allows 2,000 characters of justification and not one more", () => {
    const at = { ...met("SW-1"), justification: "j".repeat(MAX_JUSTIFICATION) };
    expect(answerProblems(required("SW-1"), [at])).toEqual({});
    const over = { ...met("SW-1"), justification: "j".repeat(MAX_JUSTIFICATION + 1) };
    expect(answerProblems(required("SW-1"), [over])).toEqual({
      "answers.SW-1.justification": "too_long",
    });
    // Surrounding blanks are trimmed before counting.
    const padded = { ...met("SW-1"), justification: ` ${"j".repeat(MAX_JUSTIFICATION)} ` };
    expect(answerProblems(required("SW-1"), [padded])).toEqual({});
  });
  it("asks a met answer for valid evidence, and only a met answer", () => {
    expect(answerProblems(required("SW-1"), [met("SW-1", [])])).toEqual({
      "answers.SW-1.evidence": "evidence_required",
    });
    expect(answerProblems(required("SW-1"), [met("SW-1", ["ftp://example.org"])])).toEqual({
      "answers.SW-1.evidence": "invalid_url",
    });
    const many = Array.from({ length: MAX_EVIDENCE_PER_ANSWER + 1 }, (_, i) => `https://e/${i}`);
    expect(answerProblems(required("SW-1"), [met("SW-1", many)])).toEqual({
      "answers.SW-1.evidence": "too_large",
    });
    const na: Answer = {
      ref: "SW-1",
      answer: "not_applicable",
      justification: "No software.",
      evidence: ["not a url"],
    };
    expect(answerProblems(required("SW-1"), [na])).toEqual({});
  });
  it("reports several problems of one answer at once", () => {
    const bad: Answer = { ref: "SW-1", answer: "not_met", justification: "", evidence: [] };
    expect(answerProblems(required("SW-1"), [bad])).toEqual({
      "answers.SW-1.answer": "must_be_met",
      "answers.SW-1.justification": "required",
    });
  });
});

const body = (overrides: Partial<DeclarationBody> = {}): DeclarationBody => ({
  standard: "iotmark",
  release: { version: "1.2.0", digest: "abc" },
  product: { name: "Lamp", model: "L1", url: "https://example.org/lamp", category: "Lighting" },
  claims: [
    { module: "DATA", level: "bronze" },
    { module: "SW", level: "silver" },
  ],
  answers: [
    { ...met("DATA-1"), justification: "  Padded.  " },
    { ref: "SW-2", answer: "not_met", justification: "Later.", evidence: ["https://x.example"] },
    met("SW-4"),
    met("SW-1"),
    met("SW-3"),
  ],
  ...overrides,
});

describe("publishedBody", () => {
  const published = publishedBody(content, body());
  it("keeps required answers only, in release order, and claims in module order", () => {
    expect(published.answers.map((a) => a.ref)).toEqual(["SW-1", "SW-2", "DATA-1"]);
    expect(published.claims.map((c) => c.module)).toEqual(["SW", "DATA"]);
  });
  it("trims justifications and drops evidence from answers that are not met", () => {
    expect(published.answers.find((a) => a.ref === "DATA-1")?.justification).toBe("Padded.");
    expect(published.answers.find((a) => a.ref === "SW-2")?.evidence).toEqual([]);
  });
  it("names the release by the content's standard and version and the body's digest", () => {
    expect(published.standard).toBe("iotmark");
    expect(published.release).toEqual({ version: "1.2.0", digest: "abc" });
  });
  it("leaves out required clauses not yet answered rather than inventing answers", () => {
    const partial = publishedBody(content, body({ answers: [met("SW-1")] }));
    expect(partial.answers.map((a) => a.ref)).toEqual(["SW-1"]);
  });
});

describe("declarationDigest", () => {
  const published = publishedBody(content, body());
  it("is the SHA-256 of the canonical JSON", () => {
    const expected = createHash("sha256").update(canonicalJson(published), "utf8").digest("hex");
    expect(declarationDigest(published)).toBe(expected);
    expect(declarationDigest(published)).toMatch(/^[0-9a-f]{64}$/);
  });
  it("does not depend on key order or on how the working copy was ordered", () => {
    const reordered = publishedBody(content, {
      ...body(),
      answers: [...body().answers].reverse(),
      claims: [...body().claims].reverse(),
    });
    expect(declarationDigest(reordered)).toBe(declarationDigest(published));
    const keysShuffled = JSON.parse(
      JSON.stringify(published, Object.keys(published).sort().reverse()),
    );
    expect(declarationDigest({ ...keysShuffled, ...published })).toBe(declarationDigest(published));
    expect(sameBody(reordered, published)).toBe(true);
  });
  it("changes with any word, URL, level or release", () => {
    const base = declarationDigest(published);
    const variants: DeclarationBody[] = [
      { ...published, product: { ...published.product, name: "Lamp 2" } },
      { ...published, release: { ...published.release, digest: "abd" } },
      { ...published, claims: [{ module: "SW", level: "gold" }, published.claims[1] as Claim] },
      {
        ...published,
        answers: published.answers.map((a) =>
          a.ref === "SW-1" ? { ...a, evidence: ["https://example.org/f"] } : a,
        ),
      },
      {
        ...published,
        answers: published.answers.map((a) =>
          a.ref === "DATA-1" ? { ...a, justification: "Padded!" } : a,
        ),
      },
    ];
    for (const variant of variants) {
      expect(declarationDigest(variant)).not.toBe(base);
      expect(sameBody(variant, published)).toBe(false);
    }
  });
});

describe("claimSummary", () => {
  it("groups modules by level, highest level first, modules in release order", () => {
    const wide = release("1.0.0", [
      clause("ORG-1"),
      clause("HW-1"),
      clause("SW-1"),
      clause("DATA-1"),
    ]);
    expect(
      claimSummary(wide, [
        { module: "HW", level: "bronze" },
        { module: "DATA", level: "silver" },
        { module: "SW", level: "silver" },
        { module: "ORG", level: "gold" },
      ]),
    ).toEqual([
      { level: "gold", modules: ["Module ORG"] },
      { level: "silver", modules: ["Module SW", "Module DATA"] },
      { level: "bronze", modules: ["Module HW"] },
    ]);
  });
  it("names an unknown module by its code and is empty for no claims", () => {
    expect(claimSummary(content, [{ module: "XX", level: "bronze" }])).toEqual([
      { level: "bronze", modules: ["XX"] },
    ]);
    expect(claimSummary(content, [])).toEqual([]);
  });
});

describe("addMonths", () => {
  const utc = (iso: string) => new Date(iso);
  it("adds calendar months in UTC", () => {
    expect(addMonths(utc("2026-11-29T10:00:00Z"), 12).toISOString()).toBe(
      "2027-11-29T10:00:00.000Z",
    );
    expect(addMonths(utc("2026-01-15T00:00:00Z"), 1).toISOString()).toBe(
      "2026-02-15T00:00:00.000Z",
    );
  });
  it("runs over into the next month at month ends, as Date does", () => {
    expect(addMonths(utc("2026-01-31T12:00:00Z"), 1).toISOString()).toBe(
      "2026-03-03T12:00:00.000Z",
    );
    expect(addMonths(utc("2028-02-29T12:00:00Z"), 12).toISOString()).toBe(
      "2029-03-01T12:00:00.000Z",
    );
    expect(addMonths(utc("2026-12-31T23:30:00Z"), 2).toISOString()).toBe(
      "2027-03-03T23:30:00.000Z",
    );
  });
  it("does not change its argument", () => {
    const from = utc("2026-05-01T00:00:00Z");
    addMonths(from, 6);
    expect(from.toISOString()).toBe("2026-05-01T00:00:00.000Z");
  });
});

describe("reminderDue", () => {
  const ends = new Date("2027-06-30T12:00:00Z");
  const daysBefore = (days: number, ms = 0) => new Date(ends.getTime() - days * 86_400_000 - ms);
  it("is silent more than 30 days before the end", () => {
    expect(reminderDue(ends, null, daysBefore(30, 1))).toBeNull();
  });
  it("reminds at 30 days, once", () => {
    expect(reminderDue(ends, null, daysBefore(30))).toBe(30);
    expect(reminderDue(ends, 30, daysBefore(29))).toBeNull();
  });
  it("reminds at 7 days, once, even when the 30-day reminder was missed", () => {
    expect(reminderDue(ends, 30, daysBefore(7, 1))).toBeNull();
    expect(reminderDue(ends, 30, daysBefore(7))).toBe(7);
    expect(reminderDue(ends, null, daysBefore(6))).toBe(7);
    expect(reminderDue(ends, 7, daysBefore(3))).toBeNull();
    // After the 7-day reminder, the 30-day one is never sent late.
    expect(reminderDue(ends, 7, daysBefore(20))).toBeNull();
  });
  it("is silent once the term has ended", () => {
    expect(reminderDue(ends, null, ends)).toBeNull();
    expect(reminderDue(ends, 30, daysBefore(-1))).toBeNull();
  });
});
