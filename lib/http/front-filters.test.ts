import { describe, expect, it } from "vitest";
import { cacheableRelease } from "@/lib/http/front";

describe("the front's kept release pages", () => {
  it("keep a release page and its level filter, never its framework filter", () => {
    const page = "/standards/iotmark/v/1.0.0";
    expect(cacheableRelease("GET", page, "")).toBe(true);
    expect(cacheableRelease("GET", `${page}?level=Gold`, "")).toBe(true);
    expect(cacheableRelease("GET", `${page}?framework=etsi-en-303-645`, "")).toBe(false);
    expect(cacheableRelease("GET", `${page}?level=Gold&provision=5.3`, "")).toBe(false);
  });
});
