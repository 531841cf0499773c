import { describe, expect, it } from "vitest";
import { exportStandard } from "@/lib/drafting/markdown/document";
import { deriveModuleCode, inferStrength, parsePlainDocument } from "@/lib/drafting/markdown/plain";
import {
  bullets,
  doc,
  fixture,
  p,
  parsed,
  problems,
  t,
} from "@/lib/drafting/markdown/test-standard";
import type { ClauseDocument } from "@/lib/drafting/markdown/types";
import { emptyRichText } from "@/lib/drafting/rich-text";

describe("parsePlainDocument", () => {
  const base = {
    slug: "connected-home",
    name: "Connected Home Baseline",
    levels: [{ name: "Bronze", summary: "Entry level." }],
  };
  const plain = (markdown: string) => parsePlainDocument(markdown, base);

  it("imports the outside document", () => {
    const result = plain(fixture("outside-document.md"));
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const { standard } = result;
    expect(standard.summary).toBe(
      "This baseline lists what a smart-home product should meet before it is sold to consumers. A volunteer working group wrote it and offers it as input to the Hum trustmark.",
    );
    expect(standard.levels).toEqual(base.levels);
    expect(standard.modules).toEqual([
      {
        code: "SECURI",
        name: "Security updates",
        summary: "Updates keep a device safe after it leaves the shop.",
      },
      { code: "PRIV", name: "Privacy", summary: "" },
      { code: "REPAIR", name: "Repair and openness", summary: "" },
      { code: "DATA", name: "Data handling", summary: "" },
    ]);
    expect(standard.clauses.map((c) => `${c.ref} ${c.strength} ${c.title}`)).toEqual([
      "SECURI-1 MUST The manufacturer MUST provide security updates for at…",
      "SECURI-2 SHOULD Security updates SHOULD install automatically, and the owner…",
      "SECURI-3 MUST Installing an update MUST NOT require the owner…",
      "PRIV-1 MUST Personal data SHALL NOT be sold or handed…",
      "PRIV-2 SHOULD The core function of the product SHOULD keep…",
      "PRIV-3 MUST A one-page privacy summary is REQUIRED in the box",
      "REPAIR-1 SHOULD Spare batteries, chargers and displays SHOULD be sold…",
      "REPAIR-2 MUST Schematics are OPTIONAL, but a repair manual MUST…",
      "REPAIR-3 MAY Once support ends, owners MAY receive what they…",
      "DATA-1 SHOULD Collecting raw audio for analytics is NOT RECOMMENDED",
    ]);
    expect(standard.clauses.every((c) => c.level === null && !c.retired)).toBe(true);
    const [first, second, third] = standard.clauses as [
      ClauseDocument,
      ClauseDocument,
      ClauseDocument,
    ];
    expect(first.body).toEqual(
      doc(
        p(
          t(
            "The manufacturer MUST provide security updates for at least five years after the model was last sold.",
          ),
        ),
        p(
          t(
            "The period starts on the last day the manufacturer or an authorised reseller offers the model for sale.",
          ),
        ),
      ),
    );
    expect(first.assessment).toEqual(
      doc(
        p(
          t(
            "Compare the published end-of-support date with the last sale date announced to retailers.",
          ),
        ),
      ),
    );
    expect(first.examples).toEqual(
      doc(
        p(t("A camera last sold in March 2026 gets security updates until March 2031 or later.")),
      ),
    );
    expect(second.assessment).toEqual(
      doc(
        bullets(
          [p(t("Leave a test unit on old firmware with automatic updates on."))],
          [
            p(
              t("Check that it runs the current release within "),
              t("7 days", { type: "bold" }),
              t("."),
            ),
          ],
        ),
      ),
    );
    expect(third.body).toEqual(
      doc(
        p(
          t("Installing an update MUST NOT require the owner to create an account or accept new "),
          t("terms", { type: "italic" }),
          t("."),
        ),
      ),
    );
    expect(third.assessment).toEqual(emptyRichText());
    expect(standard.clauses[5]?.assessment).toEqual(
      doc(
        p(t("Check the packaging of a unit bought from a shop, not one sent by the manufacturer.")),
      ),
    );
    // The import is a valid standard: it survives the standard format unchanged.
    expect(parsed(exportStandard(standard))).toEqual(standard);
  });

  it("reports problems with their lines", () => {
    expect(problems(plain(fixture("broken-plain.md")))).toEqual([
      { line: 3, reason: "Requirement before any ## module heading" },
      { line: 9, reason: 'A requirement heading must read "### N. requirement text"' },
      { line: 11, reason: 'Requirement 1 appears twice in "Hardware" (first on line 7)' },
      {
        line: 13,
        reason: "Requirement 3 has no RFC 2119 keyword (MUST, SHOULD, MAY, …) in capitals",
      },
      { line: 17, reason: 'Requirement 3 has a second "Assessment:" paragraph' },
      { line: 19, reason: "Only the first line may be a # title" },
      { line: 25, reason: "Images are not supported" },
    ]);
    const rule = "\n\n### 1. It MUST work.\n\n";
    expect(
      problems(plain(`## (X1)${rule}## Data (DATA)${rule}## More data (DATA)${rule}`)),
    ).toEqual([
      { line: 1, reason: "A module heading needs a name" },
      { line: 9, reason: "Duplicate module code DATA" },
    ]);
  });

  it("derives module codes and takes explicit ones", () => {
    const headings = [
      "Data handling",
      "Data (DATA) ##",
      "Données personnelles",
      "2. Cloud & apps (APP2)",
      "∞",
    ];
    // Only headings that hold numbered requirements are modules.
    const result = plain(headings.map((h) => `## ${h}\n\n### 1. It MUST work.\n`).join("\n"));
    expect(result.ok && result.standard.modules.map((m) => `${m.code} ${m.name}`)).toEqual([
      "DATA2 Data handling",
      "DATA Data",
      "DONNEE Données personnelles",
      "APP2 2. Cloud & apps",
      "M ∞",
    ]);
    expect(deriveModuleCode("Repair and openness", new Set())).toBe("REPAIR");
    expect(deriveModuleCode("IoT security", new Set(["IOT", "IOT2"]))).toBe("IOT3");
  });

  it("infers strength from capitalised RFC 2119 keywords, strongest first", () => {
    const cases: [string, string | null][] = [
      ["It MUST work.", "MUST"],
      ["It MUST NOT leak.", "MUST"],
      ["It SHALL NOT leak.", "MUST"],
      ["A manual is REQUIRED.", "MUST"],
      ["It SHOULD NOT log.", "SHOULD"],
      ["Logging is NOT RECOMMENDED.", "SHOULD"],
      ["Encryption is RECOMMENDED.", "SHOULD"],
      ["It MAY log, but it SHOULD ask.", "SHOULD"],
      ["A dark mode is OPTIONAL.", "MAY"],
      ["It MAY work.", "MAY"],
      ["It must work and may log.", null],
      ["MUSTARD and MAYBE are not keywords.", null],
    ];
    expect(cases.map(([sentence]) => inferStrength(sentence))).toEqual(
      cases.map(([, strength]) => strength),
    );
    const coded = plain("## Software\n\n### 1. Run `MUST` only when asked.\n");
    expect(problems(coded)).toEqual([
      {
        line: 3,
        reason: "Requirement 1 has no RFC 2119 keyword (MUST, SHOULD, MAY, …) in capitals",
      },
    ]);
  });
});
