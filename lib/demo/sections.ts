import type { SectionKind } from "@/lib/drafting/sections-rules";

/**
 * The prose around the demo standard's clauses, in Markdown. Definitions follow the shape the
 * reader understands: each term bold on a line of its own, its definition in the paragraphs after.
 */
export const demoSections: { kind: SectionKind; title: string; body: string }[] = [
  {
    kind: "scope",
    title: "Scope",
    body: [
      "These principles apply to consumer products that connect to a network: the device itself, the apps and online services it cannot work without, and the organisation that sells it.",
      "They do not cover industrial or medical equipment, nor products sold only to businesses. A product meets the mark at a level when it meets every clause that level requires, in every module.",
    ].join("\n\n"),
  },
  {
    kind: "terminology",
    title: "Terminology",
    body: [
      "The key words **MUST**, **MUST NOT**, **SHOULD**, **SHOULD NOT** and **MAY** are to be read as described in RFC 2119 and RFC 8174, when, and only when, they appear in capitals.",
      "A clause that uses **MUST** is required at its level and above; a clause that uses **SHOULD** or **MAY** is recommended, and a product may answer it *not met* with a reason.",
    ].join("\n\n"),
  },
  {
    kind: "definitions",
    title: "Definitions",
    body: [
      "In these principles:",
      "**Device**",
      "A product that connects to a network, together with the firmware that runs on it.",
      "**Vendor**",
      "The organisation that puts a device on the market under its own name, whoever made it.",
      "**User**",
      "A person who sets up, owns or lives with a device, whether or not they bought it.",
      "**Update**",
      "A change to a device's software that the vendor delivers after sale, to fix a flaw or change what the device does.",
    ].join("\n\n"),
  },
];
