import fs from "node:fs";
import { count, eq } from "drizzle-orm";
import loadNextConfig from "next/dist/server/config";
import { PHASE_PRODUCTION_SERVER } from "next/dist/shared/lib/constants";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/lib/audit/schema";
import { requireSecretariat, type Secretariat } from "@/lib/community/authz";
import type { Viewer } from "@/lib/community/viewer";
import { formBytes, MAX_IMPORT_BYTES } from "@/lib/drafting/import-limits";
import { standards } from "@/lib/drafting/schema";
import { importMarkdown, importSchema } from "@/lib/drafting/transfer";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { outcomeOf } from "@/tests/outcome";
import { createPerson, createSecretary } from "@/tests/people";

let test: TestDatabase;
let secretary: Secretariat;
let participant: Viewer;
beforeAll(async () => {
  test = await createTestDatabase();
  secretary = await createSecretary(test.db, { name: "Sam" });
  participant = await createPerson(test.db, { name: "Pat" });
});
afterAll(() => test?.close());

const fixture = fs.readFileSync("lib/drafting/fixtures/iotmark-export.md", "utf8");

/** The body a browser sends for the import form: multipart, line breaks as CRLF. */
async function formBody(markdown: string): Promise<number> {
  const form = new FormData();
  form.set("format", "hum");
  form.set("slug", "s".repeat(60));
  form.set("name", "é".repeat(160));
  form.set("markdown", markdown);
  // The fields Next.js adds to a server action's form (its id and the action's arguments).
  form.set("1_$ACTION_ID_0123456789abcdef0123456789abcdef01234567", "");
  form.set("0", `["$K1"]`);
  return (await new Response(form).arrayBuffer()).byteLength;
}

describe("importing Markdown", () => {
  it("lets every import the schema accepts through Next.js, and refuses larger ones as a field", async () => {
    const config = await loadNextConfig(PHASE_PRODUCTION_SERVER, process.cwd(), { silent: true });
    const limit = Number(config.experimental.serverActions?.bodySizeLimit ?? 1024 * 1024);
    // Two-byte letters and line breaks: the largest text the schema accepts, as a browser sends it.
    const largest = "é\r\n".repeat(MAX_IMPORT_BYTES / 4);
    expect(formBytes(largest)).toBe(MAX_IMPORT_BYTES);
    expect(importSchema.safeParse({ format: "hum", markdown: largest }).success).toBe(true);
    expect(await formBody(largest)).toBeLessThanOrEqual(limit);
    // What the review pasted: 1.33 MB.
    expect(await formBody(fixture.repeat(Math.ceil(1_330_000 / fixture.length)))).toBeLessThan(
      limit,
    );
    const refused = importSchema.safeParse({ format: "hum", markdown: `${largest}x` });
    expect(refused.error?.issues.map((issue) => [issue.path[0], issue.message])).toEqual([
      ["markdown", "import_too_large"],
    ]);
  });

  it("counts the bytes a browser sends", () => {
    expect(formBytes("a\nb")).toBe(4);
    expect(formBytes("a\r\nb")).toBe(4);
    expect(formBytes("é€😀")).toBe(2 + 3 + 4);
  });

  it("checks the secretariat before parsing anything", async () => {
    const broken = "# Not a Hum export\n".repeat(50_000); // 950 KB the parser would have to read
    const input = importSchema.parse({ format: "hum", markdown: broken });
    // As the server action does: the secretariat's proof first, then the import.
    const importAs = (viewer: Viewer | null) =>
      requireSecretariat(test.db, viewer, "drafting.import_standard").then((proof) =>
        importMarkdown(test.db, proof, input),
      );
    expect(await outcomeOf(importAs(participant))).toBe("forbidden");
    expect(await outcomeOf(importAs(null))).toBe("unauthenticated");
    const outcome = await importMarkdown(test.db, secretary, input);
    expect("problems" in outcome && outcome.problems.length > 0).toBe(true);
  });

  it("imports for the secretariat, a limited number of times an hour", async () => {
    const before = await test.db.select({ n: count() }).from(auditLog);
    const outcomes: string[] = [];
    for (let i = 0; i < 7; i++) {
      const markdown = fixture.replace(/^slug: .*$/m, `slug: "copy-${i}"`);
      const input = importSchema.parse({ format: "hum", markdown });
      const preview = await importMarkdown(test.db, secretary, input);
      const digest = "digest" in preview ? preview.digest : "";
      outcomes.push(
        await outcomeOf(
          importMarkdown(test.db, secretary, { ...input, intent: "confirm", digest }),
        ),
      );
    }
    expect(outcomes).toEqual([...Array(5).fill("ok"), "rate_limited", "rate_limited"]);
    const [copy] = await test.db.select().from(standards).where(eq(standards.slug, "copy-4"));
    expect(copy).toBeDefined();
    const after = await test.db.select({ n: count() }).from(auditLog);
    expect((after[0]?.n ?? 0) - (before[0]?.n ?? 0)).toBe(5);
  });
});
