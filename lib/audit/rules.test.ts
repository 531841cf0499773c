import { describe, expect, it } from "vitest";
import { auditFilterSchema, type CommentCheck, publicDetails } from "@/lib/audit/rules";

describe("auditFilterSchema", () => {
  it("keeps well-formed filters", () => {
    expect(auditFilterSchema.parse({ action: "auth.", subjectType: "user", before: "42" })).toEqual(
      {
        action: "auth.",
        subjectType: "user",
        before: 42,
      },
    );
    expect(auditFilterSchema.parse({ action: "community.member_appointed" }).action).toBe(
      "community.member_appointed",
    );
  });

  it("drops anything malformed instead of failing the page", () => {
    expect(
      auditFilterSchema.parse({
        action: "'; drop table audit_log; --",
        subjectType: "<svg>",
        before: "-3",
      }),
    ).toEqual({ action: undefined, subjectType: undefined, before: undefined });
    expect(auditFilterSchema.parse({ before: "1e3" }).before).toBeUndefined();
    expect(auditFilterSchema.parse({ before: "99999999999999999999" }).before).toBeUndefined();
  });

  it("takes the first of repeated parameters and treats empty as absent", () => {
    expect(auditFilterSchema.parse({ action: ["auth.", "access."], subjectType: "" })).toEqual({
      action: "auth.",
      subjectType: undefined,
      before: undefined,
    });
  });
});

describe("publicDetails", () => {
  const check: CommentCheck = {
    words: (id) => (id === "visible" ? "Fine words." : null),
    reasonWords: (id) => (id === "shown-reason" ? "Support words." : null),
    withdrawn: (authorId, words) => authorId === "ann" && words === "Hidden words.",
  };

  it("shows only known keys", () => {
    expect(
      publicDetails(
        { action: "x.y", actorId: null, details: { stage: "ag", email: "a@b.c", body: "text" } },
        check,
      ),
    ).toEqual({ details: { stage: "ag" }, hiddenText: false });
  });

  it("shows a named comment's words only while moderation allows", () => {
    const entry = (comment: string) => ({
      action: "decisions.position_taken",
      actorId: "ann",
      details: { stance: "object", comment },
    });
    expect(publicDetails(entry("visible"), check)).toEqual({
      details: { stance: "object", reason: "Fine words." },
      hiddenText: false,
    });
    expect(publicDetails(entry("hidden"), check)).toEqual({
      details: { stance: "object" },
      hiddenText: true,
    });
  });

  it("leaves out an old entry's copy of words that are now hidden, and nothing else", () => {
    const old = (reason: string, stance = "object") => ({
      action: "decisions.position_taken",
      actorId: "ann",
      details: { stance, reason },
    });
    expect(publicDetails(old("Hidden words."), check)).toEqual({
      details: { stance: "object" },
      hiddenText: true,
    });
    expect(publicDetails(old("Other words."), check).details.reason).toBe("Other words.");
    // A supporter's reason is a position reason, hidden the same way.
    expect(publicDetails(old("Hidden words.", "support"), check)).toEqual({
      details: { stance: "support" },
      hiddenText: true,
    });
  });

  it("shows a named position reason's words only while moderation allows", () => {
    const entry = (positionReason: string) => ({
      action: "decisions.position_taken",
      actorId: "ann",
      details: { stance: "support", positionReason },
    });
    expect(publicDetails(entry("shown-reason"), check)).toEqual({
      details: { stance: "support", reason: "Support words." },
      hiddenText: false,
    });
    expect(publicDetails(entry("hidden-reason"), check)).toEqual({
      details: { stance: "support" },
      hiddenText: true,
    });
  });
});
