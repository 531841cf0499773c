import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@/lib/auth/schema";
import { saveLanguage, updateProfile } from "@/lib/community/mutations";
import { profileSchema } from "@/lib/community/rules";
import { loadViewer } from "@/lib/community/viewer";
import { seedDemo } from "@/lib/demo/seed";
import { openThread, reply } from "@/lib/discussion/mutations";
import { listThreads } from "@/lib/discussion/queries";
import { createClause } from "@/lib/drafting/mutations";
import { DomainError } from "@/lib/errors";
import type { Locale } from "@/lib/locale";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createPerson, signedIn } from "@/tests/people";
import { xssPayloads } from "@/tests/xss-payloads";

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test?.close());

const profile = {
  name: "Amélie",
  affiliation: "Atelier",
  conflictOfInterest: "None.",
};

async function stored(userId: string) {
  const [row] = await test.db
    .select({ language: users.language, timeZone: users.timeZone })
    .from(users)
    .where(eq(users.id, userId));
  return row;
}

describe("a person's language", () => {
  it("is saved by the switcher and read with the viewer", async () => {
    const person = await createPerson(test.db);
    expect(person.language).toBeNull();
    await saveLanguage(test.db, person, "de");
    expect(await stored(person.id)).toEqual({ language: "de", timeZone: null });
    const viewer = await loadViewer(test.db, person.id);
    expect(viewer?.language).toBe("de");
    expect(viewer?.timeZone).toBeNull();
  });

  it("refuses a language Hum does not have, and saves nothing", async () => {
    const person = await createPerson(test.db);
    await saveLanguage(test.db, person, "fr");
    const refused = await saveLanguage(test.db, person, "es" as Locale).catch((error) => error);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).fieldErrors).toEqual({ language: "invalid" });
    expect((await stored(person.id))?.language).toBe("fr");
  });

  it("counts a stored value Hum no longer knows as no choice", async () => {
    const person = await createPerson(test.db);
    await test.db
      .update(users)
      .set({ language: "xx", timeZone: "Mars/Olympus_Mons" })
      .where(eq(users.id, person.id));
    const viewer = await loadViewer(test.db, person.id);
    expect(viewer?.language).toBeNull();
    expect(viewer?.timeZone).toBeNull();
  });
});

describe("the profile's language and time zone", () => {
  it("are saved with the profile", async () => {
    const person = await createPerson(test.db);
    const input = profileSchema.parse({ ...profile, language: "fr", timeZone: "Europe/Paris" });

    await updateProfile(test.db, person, input);
    expect(await stored(person.id)).toEqual({ language: "fr", timeZone: "Europe/Paris" });
    const viewer = await loadViewer(test.db, person.id);
    expect(viewer).toMatchObject({ language: "fr", timeZone: "Europe/Paris", name: "Amélie" });
  });

  it("are left as they are by a form that does not ask them (the welcome page's)", async () => {
    const person = await createPerson(test.db);
    await updateProfile(
      test.db,
      person,
      profileSchema.parse({ ...profile, name: "Berthe", language: "de", timeZone: "UTC" }),
    );
    await updateProfile(test.db, person, profileSchema.parse({ ...profile, name: "Berthe B." }));
    expect(await stored(person.id)).toEqual({ language: "de", timeZone: "UTC" });
  });

  it("refuse an unknown language or time zone with a field error each", () => {
    const parsed = profileSchema.safeParse({
      ...profile,
      language: "es",
      timeZone: "Europe/Atlantis",
    });
    expect(parsed.success).toBe(false);
    const fields = Object.fromEntries(
      (parsed.error?.issues ?? []).map((issue) => [issue.path[0], issue.message]),
    );
    expect(fields).toEqual({ language: "invalid", timeZone: "invalid" });
  });

  it("accept every time zone offered, UTC among them", () => {
    for (const timeZone of ["UTC", "America/Argentina/Buenos_Aires", "Asia/Kolkata"]) {
      expect(profileSchema.safeParse({ ...profile, timeZone }).success).toBe(true);
    }
  });
});

describe("people's words keep their language", () => {
  it("from the author's profile, else from the page they wrote on", async () => {
    await seedDemo(test.db);
    const writer = await createPerson(test.db, { name: "Writer" });
    const { clauseId } = await createClause(test.db, writer, {
      standardSlug: "iotmark",
      title: "Languages",
      moduleCode: "SW",
      level: "Bronze",
      strength: "MUST",
    });
    // No choice on the profile: the page's language (the switcher's, or the browser's).
    const { threadId } = await openThread(
      test.db,
      writer,
      clauseId,
      { kind: "comment", title: "Formulation", quote: null, body: "Bonjour." },
      new Date(),
      "fr",
    );
    // A choice on the profile wins over the page's.
    await saveLanguage(test.db, writer, "de");
    const german = await signedIn(await loadViewer(test.db, writer.id));
    await reply(
      test.db,
      german,
      { threadId, parentId: null, body: "Guten Tag." },
      new Date(),
      "fr",
    );
    const [thread] = (await listThreads(test.db, clauseId, null)).filter((t) => t.id === threadId);
    expect(thread?.lang).toBe("fr");
    expect(thread?.comments.map((comment) => comment.lang)).toEqual(["fr", "de"]);
  });
  it("are held to the same sanitizer in any language: a French comment cannot carry a script", async () => {
    const french = await createPerson(test.db, { name: "Élodie" });
    await saveLanguage(test.db, french, "fr");
    const author = await signedIn(await loadViewer(test.db, french.id));
    const { clauseId } = await createClause(test.db, author, {
      standardSlug: "iotmark",
      title: "Scripts",
      moduleCode: "SW",
      level: "Bronze",
      strength: "MUST",
    });
    // The same attempts, said in French around them.
    const attempts = xssPayloads.map((payload) => `Attention : ${payload}`);
    const { threadId } = await openThread(
      test.db,
      author,
      clauseId,
      { kind: "comment", title: "Sécurité", quote: null, body: attempts[0] ?? "" },
      new Date(),
      "fr",
    );
    // A minute apart, as the limit on comments per minute allows.
    for (const [index, body] of attempts.slice(1).entries()) {
      const at = new Date(Date.now() + (index + 1) * 60_000);
      await reply(test.db, author, { threadId, parentId: null, body }, at, "fr");
    }
    const [thread] = (await listThreads(test.db, clauseId, null)).filter((t) => t.id === threadId);
    expect(thread?.comments).toHaveLength(attempts.length);
    for (const comment of thread?.comments ?? []) {
      expect(comment.lang).toBe("fr");
      // Escaped text is inert; what must not be there is a live tag, handler or script link.
      const html = comment.html ?? "";
      expect(html).not.toMatch(/<(?:script|img|iframe|svg|details)\b/i);
      expect(html).not.toMatch(/<[^>]*\son\w+\s*=/i);
      expect(html).not.toMatch(/(?:href|src)\s*=\s*["']?\s*(?:javascript|data):/i);
    }
  });
});
