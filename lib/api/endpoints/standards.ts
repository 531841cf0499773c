import "server-only";
import { asc, gt } from "drizzle-orm";
import { z } from "zod";
import { defineEndpoint, type Endpoint } from "@/lib/api/endpoint";
import { decodeCursor, pageOf, pageQuery, pageSchema } from "@/lib/api/paging";
import { iso, pageUrl, timestamp } from "@/lib/api/values";
import { standards } from "@/lib/drafting/schema";

const standardSummary = z.object({
  slug: z.string(),
  name: z.string(),
  summary: z.string(),
  createdAt: timestamp,
  url: pageUrl,
});

const listStandards = defineEndpoint({
  method: "GET",
  path: "/standards",
  operationId: "listStandards",
  summary: "List the standards",
  group: "Standards",
  query: z.object(pageQuery),
  response: pageSchema(standardSummary),
  example: { path: "/standards" },
  handle: async ({ db, query, origin }) => {
    const after = query.cursor ? decodeCursor(query.cursor, ["string"])[0] : null;
    const rows = await db
      .select()
      .from(standards)
      .where(after === null ? undefined : gt(standards.slug, after))
      .orderBy(asc(standards.slug))
      .limit(query.limit + 1);
    const page = pageOf(rows, query.limit, (row) => [row.slug]);
    return {
      next: page.next,
      data: page.data.map((row) => ({
        slug: row.slug,
        name: row.name,
        summary: row.summary,
        createdAt: iso(row.createdAt),
        url: `${origin}/standards/${row.slug}`,
      })),
    };
  },
});

/** Standards, their modules and levels. */
export const standardsEndpoints: Endpoint[] = [listStandards];
