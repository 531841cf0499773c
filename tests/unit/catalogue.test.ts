import { describe, expect, it } from "vitest";
import { errorCodes } from "@/lib/errors";
import { messages } from "@/lib/i18n";

// Every code an action can return, and every field error lib/ can raise, has words to show.
const fieldErrorKeys = [
  "invalid",
  "required",
  "too_long",
  "invalid_email",
  "single_address",
  "plain_text_only",
  "invalid_date",
  "ends_before_start",
  "unknown_user",
  "already_member",
  "cannot_remove_self",
  "unknown_module",
  "unknown_level",
  "slug_taken",
  "import_problems",
  "comment_too_long",
  "objection_not_settled",
  "invalid_number",
  "too_small",
  "too_large",
  "unknown_clause",
  "unknown_revision",
  "clause_retired",
  "invalid_version",
  "version_not_later",
  "version_pending",
  "nothing_adopted",
  "too_deeply_nested",
  "name_taken",
  "name_not_visible",
  "name_claims_role",
];

describe("message catalogue", () => {
  it("has a message for every error code", () => {
    for (const code of errorCodes) expect(messages.errors).toHaveProperty(code);
  });

  it("has a message for every field error", () => {
    for (const key of fieldErrorKeys) expect(messages.fieldErrors).toHaveProperty(key);
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
