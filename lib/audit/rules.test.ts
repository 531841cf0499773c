import { describe, expect, it } from "vitest";
import { auditFilterSchema } from "@/lib/audit/rules";

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
