import type { Mapping } from "@/lib/drafting/mappings";

/** The external frameworks the demo standard lists, so readers can cross-walk to them. */
export const demoFrameworks = [
  {
    key: "etsi-en-303-645",
    name: "ETSI EN 303 645",
    version: "v2.1.1",
    url: "https://www.etsi.org/deliver/etsi_en/303600_303699/303645/02.01.01_60/en_303645v020101p.pdf",
  },
  {
    key: "nist-ir-8259a",
    name: "NIST IR 8259A",
    version: "2020",
    url: "https://doi.org/10.6028/NIST.IR.8259A",
  },
] as const;

const etsi = (
  provision: string,
  relationship: Mapping["relationship"],
  rationale: string,
): Mapping => ({ framework: "etsi-en-303-645", provision, relationship, rationale });

/**
 * Demo clauses' links to ETSI EN 303 645, by reference: part of their drafted text from the
 * start, so the releases the demo publishes carry them and the crosswalk has rows.
 */
export const demoMappings: Record<string, Mapping[]> = {
  "ORG-2": [
    etsi(
      "5.2-1",
      "intersects",
      "Both want a public way to report problems; the provision also asks for a published policy.",
    ),
  ],
  "ORG-3": [
    etsi(
      "5.2-1",
      "equivalent",
      "A published disclosure policy with a contact and timelines is what the provision asks for.",
    ),
  ],
  "SW-1": [
    etsi(
      "5.1-1",
      "equivalent",
      "No password shared across devices: each is unique or chosen by the owner.",
    ),
  ],
  "SW-2": [
    etsi(
      "5.3-13",
      "superset",
      "Asks for a calendar end date, where the provision accepts any stated support period.",
    ),
  ],
  "SW-3": [
    etsi("5.3-8", "intersects", "Both ask for timely fixes; the clause sets the deadline itself."),
  ],
  "SW-4": [
    etsi(
      "5.3-9",
      "superset",
      "Makes checking an update's origin and integrity a requirement rather than a recommendation.",
    ),
    etsi(
      "5.3-10",
      "intersects",
      "Overlaps where updates arrive over the network; the clause also covers local installs.",
    ),
  ],
  "SW-5": [
    etsi(
      "5.3-4",
      "superset",
      "Automatic updates on by default, where the provision recommends automatic mechanisms.",
    ),
  ],
};
