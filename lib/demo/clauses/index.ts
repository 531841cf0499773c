/**
 * Demo clauses for the IoTmark Principles standard, used to seed a realistic draft.
 *
 * Every clause is original wording written for this demo. Bodies, assessment criteria and
 * examples are Markdown in the subset the clause editor accepts: paragraphs, bold, italic,
 * inline code, https links, and bullet or ordered lists. Brand names are invented and links
 * point at example domains only. Each module has its own file; they come in this order: ORG,
 * HW, SW, LEGAL, DATA.
 */

import { dataClauses } from "@/lib/demo/clauses/data";
import type { DemoClause } from "@/lib/demo/clauses/demo-clause";
import { hwClauses } from "@/lib/demo/clauses/hw";
import { legalClauses } from "@/lib/demo/clauses/legal";
import { orgClauses } from "@/lib/demo/clauses/org";
import { swClauses } from "@/lib/demo/clauses/sw";

export const demoClauses: DemoClause[] = [
  ...orgClauses,
  ...hwClauses,
  ...swClauses,
  ...legalClauses,
  ...dataClauses,
];
