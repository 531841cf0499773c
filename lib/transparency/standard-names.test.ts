import { describe, expect, it } from "vitest";
import { namesStandards } from "@/lib/transparency/standard-names";

const iotmark = { slug: "iotmark", name: "IoTmark Principles" };
const footpath = { slug: "footpath", name: "Footpath Principles" };

describe("namesStandards: entries name their standard when two share the page", () => {
  it("names them when entries of two standards are shown together", () => {
    // Two standards' "call 3" could not be told apart.
    expect(namesStandards([{ place: iotmark }, { place: null }, { place: footpath }])).toBe(true);
  });

  it("leaves them unnamed when one standard, or none, is shown", () => {
    expect(namesStandards([])).toBe(false);
    expect(namesStandards([{ place: null }, { place: null }])).toBe(false);
    expect(namesStandards([{ place: iotmark }, { place: null }, { place: iotmark }])).toBe(false);
  });
});
