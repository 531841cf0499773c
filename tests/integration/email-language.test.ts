import { Auth, skipCSRFCheck } from "@auth/core";
import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authActionAt } from "@/lib/auth/auth-action";
import { createAuthConfig } from "@/lib/auth/config";
import { users } from "@/lib/auth/schema";
import { callSubject, closingNotice } from "@/lib/decisions/notices";
import { outbox } from "@/lib/email/schema";
import { createOutboxSender } from "@/lib/email/sender";
import { catalogues, renderMessage, translate } from "@/lib/i18n";
import type { Locale } from "@/lib/locale";
import { deliverImmediate } from "@/lib/notifications/delivery";
import { notifications } from "@/lib/notifications/schema";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createPerson } from "@/tests/people";

/*
 * Email is worded in its recipient's language. The French and German catalogues may still read
 * like English, so for these tests each is marked: every one of its messages starts with its
 * language's tag, and an email worded from the wrong catalogue cannot pass for the right one.
 */

let test: TestDatabase;
const original = { ...catalogues };

function marked<T>(node: T, tag: string): T {
  if (typeof node === "string") return `${tag} ${node}` as T;
  if (typeof node !== "object" || node === null) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [key, marked(value, tag)]),
  ) as T;
}

beforeAll(async () => {
  catalogues.fr = marked(original.fr, "[fr]");
  catalogues.de = marked(original.de, "[de]");
  test = await createTestDatabase();
});
afterAll(async () => {
  Object.assign(catalogues, original);
  await test?.close();
});

const BASE = "http://localhost:3000";
const authConfig = () =>
  createAuthConfig({
    db: test.db,
    email: createOutboxSender(test.db, "Hum <hum@localhost>"),
    secret: "test-secret-that-is-long-enough-for-auth-js",
  });

async function latestTo(address: string) {
  const [message] = await test.db
    .select()
    .from(outbox)
    .where(eq(outbox.to, address))
    .orderBy(desc(outbox.createdAt))
    .limit(1);
  if (!message) throw new Error(`nothing was sent to ${address}`);
  return message;
}

const magicLinkSubject = (locale: Locale) => translate("email", locale)("magicLink.subject");

describe("notification email", () => {
  it("is worded from the catalogue of the language its recipient chose", async () => {
    const reader = await createPerson(test.db, { name: "Margaux" });
    await test.db.update(users).set({ language: "fr" }).where(eq(users.id, reader.id));
    const call = { number: 3, title: "Update period", closesAt: new Date("2026-11-13T10:00:00Z") };
    await test.db.insert(notifications).values({
      userId: reader.id,
      kind: "call_closing",
      subject: "",
      excerpt: "",
      path: "/standards/iotmark/calls/3",
      message: closingNotice(call),
    });
    const sent = await deliverImmediate({
      db: test.db,
      sender: createOutboxSender(test.db, "Hum <hum@localhost>"),
      secret: "notify-secret",
      publicUrl: "https://hum.example",
    });
    expect(sent).toBe(1);

    const email = await latestTo(reader.email);
    const t = translate("notifications", "fr");
    const about = renderMessage(callSubject(call), "fr");
    expect(email.subject).toBe(t("email.subject", { subject: about }));
    expect(email.subject.startsWith("[fr]")).toBe(true);
    expect(email.text).toContain(t("email.greeting", { name: "Margaux" }));
    expect(email.text).toContain(t("kinds.call_closing"));
    expect(email.html).toContain('lang="fr"');
    // Every fixed line comes from the French catalogue; only links are not words.
    for (const line of email.text.split("\n").filter((line) => line && !line.startsWith("http"))) {
      expect(line.startsWith("[fr]"), line).toBe(true);
    }
  });

  it("is in English for someone who chose no language", async () => {
    const reader = await createPerson(test.db, { name: "Noor" });
    await test.db.insert(notifications).values({
      userId: reader.id,
      kind: "call_closing",
      subject: "",
      excerpt: "",
      path: "/standards/iotmark/calls/4",
      message: closingNotice({ number: 4, title: "Logs", closesAt: new Date() }),
    });
    await deliverImmediate({
      db: test.db,
      sender: createOutboxSender(test.db, "Hum <hum@localhost>"),
      secret: "notify-secret",
      publicUrl: "https://hum.example",
    });
    const email = await latestTo(reader.email);
    expect(email.subject).toBe(
      translate("notifications", "en")("email.subject", {
        subject: renderMessage(callSubject({ number: 4, title: "Logs" }), "en"),
      }),
    );
  });
});

describe("magic link", () => {
  const ask = (email: string, headers: Record<string, string>) =>
    Auth(
      new Request(`${BASE}/api/auth/signin/resend`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
        body: new URLSearchParams({ email, callbackUrl: `${BASE}/welcome` }),
      }),
      { ...authConfig(), skipCSRFCheck },
    );

  it("is worded in the language a French-speaking browser asks in", async () => {
    await ask("newcomer@example.org", { "accept-language": "fr-CH, fr;q=0.9, en;q=0.5" });
    const email = await latestTo("newcomer@example.org");
    expect(email.subject).toBe(magicLinkSubject("fr"));
    expect(email.subject.startsWith("[fr]")).toBe(true);
    expect(email.text).toContain(translate("email", "fr")("magicLink.intro"));
  });

  it("follows the language the sign-in form chose, and the switcher's cookie", async () => {
    // What the sign-in action does: it chose French for this browser and passes it on.
    await authActionAt(
      authConfig(),
      BASE,
      "signin/resend",
      { email: "formfiller@example.org", callbackUrl: "/welcome" },
      "",
      "fr",
    );
    expect((await latestTo("formfiller@example.org")).subject).toBe(magicLinkSubject("fr"));

    await ask("switcher@example.org", { cookie: "hum-locale=de", "accept-language": "fr" });
    expect((await latestTo("switcher@example.org")).subject).toBe(magicLinkSubject("de"));
  });

  it("is in a member's saved language, whatever the browser asks in", async () => {
    const member = await createPerson(test.db, { name: "Jonas" });
    await test.db.update(users).set({ language: "de" }).where(eq(users.id, member.id));
    await ask(member.email, { "accept-language": "fr" });
    expect((await latestTo(member.email)).subject).toBe(magicLinkSubject("de"));
  });

  it("falls back to English for a language Hum does not have", async () => {
    await ask("visitor@example.org", { "accept-language": "xx, zz;q=0.5" });
    expect((await latestTo("visitor@example.org")).subject).toBe(magicLinkSubject("en"));
  });
});
