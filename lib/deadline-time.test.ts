import { describe, expect, it } from "vitest";
import { deadlineText } from "@/lib/deadline-time";

const at = new Date("2026-12-12T14:05:00Z");

describe("deadlineText", () => {
  it("gives a reader on UTC the UTC time once", () => {
    const text = deadlineText(at, "en", "UTC");
    expect(text).toContain("2:05");
    expect(text.match(/UTC/g)).toHaveLength(1);
  });

  it("gives the reader's clock first and the UTC time beside it", () => {
    const text = deadlineText(at, "fr", "Europe/Paris");
    expect(text).toMatch(/^12 déc\. 2026.*15:05.*\(14:05 UTC\)$/);
  });

  it("names the UTC day when it is another day on the reader's clock", () => {
    const late = new Date("2026-12-12T23:30:00Z");
    const text = deadlineText(late, "de", "Asia/Tokyo");
    expect(text).toMatch(/^13\. Dez\. 2026.*08:30.*\(12\. Dez\. 2026, 23:30 UTC\)$/);
  });

  it("follows the reader's language", () => {
    expect(deadlineText(at, "de", "UTC")).toMatch(/^12\. Dez\. 2026, 14:05 UTC$/);
    expect(deadlineText(at, "en", "UTC")).toMatch(/^Dec 12, 2026, 2:05\sPM UTC$/);
  });
});
