import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bumpVersion,
  compareVersions,
  formatVersion,
  isLaterVersion,
  parseVersion,
} from "@/lib/releases/versions";

describe("parseVersion", () => {
  it("reads MAJOR.MINOR.PATCH", () => {
    expect(parseVersion("0.0.0")).toEqual({ major: 0, minor: 0, patch: 0 });
    expect(parseVersion("1.2.3")).toEqual({ major: 1, minor: 2, patch: 3 });
    expect(parseVersion("10.200.3000")).toEqual({ major: 10, minor: 200, patch: 3000 });
  });

  it.each([
    "",
    "1",
    "1.2",
    "1.2.3.4",
    "v1.2.3",
    "V1.2.3",
    "=1.2.3",
    "01.2.3",
    "1.02.3",
    "1.2.03",
    "00.0.0",
    "1.2.3-beta",
    "1.2.3-rc.1",
    "1.2.3+build",
    " 1.2.3",
    "1.2.3 ",
    "1.2.3\n",
    "1..3",
    ".1.2",
    "1.2.",
    "a.b.c",
    "1.2.-3",
    "1.2.+3",
    "1.2.3e0",
    "1.2.0x1",
    "１.２.３",
    "٣.2.1",
    "9007199254740992.0.0",
    "1.99999999999999999999.0",
  ])("refuses %j", (text) => {
    expect(parseVersion(text)).toBeNull();
  });

  it("round-trips through formatVersion", () => {
    const part = fc.nat({ max: 1_000_000 });
    fc.assert(
      fc.property(part, part, part, (major, minor, patch) => {
        const text = formatVersion({ major, minor, patch });
        expect(text).toBe(`${major}.${minor}.${patch}`);
        expect(parseVersion(text)).toEqual({ major, minor, patch });
      }),
    );
  });
});

describe("ordering", () => {
  const v = (text: string) => {
    const parsed = parseVersion(text);
    if (!parsed) throw new Error(text);
    return parsed;
  };

  it("compares numerically, most significant part first", () => {
    expect(compareVersions(v("1.10.0"), v("1.9.0"))).toBe(1);
    expect(compareVersions(v("1.9.9"), v("2.0.0"))).toBe(-1);
    expect(compareVersions(v("1.2.10"), v("1.2.9"))).toBe(1);
    expect(compareVersions(v("3.0.0"), v("2.99.99"))).toBe(1);
    expect(compareVersions(v("1.2.3"), v("1.2.3"))).toBe(0);
  });

  it("says whether one version is later, and never for invalid ones", () => {
    expect(isLaterVersion("1.1.0", "1.0.0")).toBe(true);
    expect(isLaterVersion("1.0.0", "1.1.0")).toBe(false);
    expect(isLaterVersion("1.0.0", "1.0.0")).toBe(false);
    expect(isLaterVersion("2.0.0", "v1.0.0")).toBe(false);
    expect(isLaterVersion("v2.0.0", "1.0.0")).toBe(false);
  });

  it("sorts like a list of numbers", () => {
    const part = fc.nat({ max: 20 });
    const version = fc.record({ major: part, minor: part, patch: part });
    fc.assert(
      fc.property(version, version, (a, b) => {
        const key = (x: typeof a) => x.major * 10_000 + x.minor * 100 + x.patch;
        expect(compareVersions(a, b)).toBe(Math.sign(key(a) - key(b)));
        expect(compareVersions(b, a)).toBe(-compareVersions(a, b) || 0);
      }),
    );
  });

  it("bumps reset the less significant parts", () => {
    const base = v("1.4.2");
    expect(formatVersion(bumpVersion(base, "major"))).toBe("2.0.0");
    expect(formatVersion(bumpVersion(base, "minor"))).toBe("1.5.0");
    expect(formatVersion(bumpVersion(base, "patch"))).toBe("1.4.3");
  });
});
