import { describe, expect, it } from "vitest";
import { auditActions, auditSubjectTypes } from "@/lib/audit/rules";
import { errorCodes, fieldErrorCodes } from "@/lib/errors";
import { messages } from "@/lib/i18n";

// Every code an action can return, every field error lib/ can raise, and every action and kind
// of subject the public log records has words to show.
describe("message catalogue", () => {
  it("has a message for every error code", () => {
    for (const code of errorCodes) expect(messages.errors).toHaveProperty(code);
  });

  it("has a message for every field error", () => {
    for (const code of fieldErrorCodes) expect(messages.fieldErrors).toHaveProperty(code);
  });

  it("has a label for every action in the public log and every kind of subject", () => {
    for (const action of auditActions) expect(messages.transparency.actions).toHaveProperty(action);
    for (const type of auditSubjectTypes)
      expect(messages.transparency.subjects).toHaveProperty(type);
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
