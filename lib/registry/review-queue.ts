import "server-only";
import { asc, eq } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { declarations, organisations } from "@/lib/registry/schema";

export type AwaitingReview = {
  number: number;
  product: string;
  organisation: string;
  since: Date;
};

/** Declarations the charter holds for an advisory-group review, longest waiting first. */
export async function declarationsAwaitingReview(db: Executor): Promise<AwaitingReview[]> {
  const rows = await db
    .select({
      number: declarations.number,
      product: declarations.productName,
      organisation: organisations.name,
      since: declarations.stateChangedAt,
    })
    .from(declarations)
    .innerJoin(organisations, eq(organisations.id, declarations.organisationId))
    .where(eq(declarations.state, "pending_review"))
    .orderBy(asc(declarations.stateChangedAt), asc(declarations.number));
  return rows.map((row) => ({ ...row, product: row.product ?? "" }));
}
