import { getTableName, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";

/**
 * A column named with its table, whatever the query around it. Drizzle leaves names bare in a
 * query on one table, and a correlated subquery must say which table it means: inside it, a bare
 * `"id"` is the subquery's own, or ambiguous.
 */
export function qualified(column: AnyPgColumn): SQL {
  return sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(column.name)}`;
}
