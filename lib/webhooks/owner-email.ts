import "server-only";
import { eq } from "drizzle-orm";
import { users } from "@/lib/auth/schema";
import type { Database } from "@/lib/db/client";
import { standards } from "@/lib/drafting/schema";
import type { EmailMessage, EmailSender } from "@/lib/email/sender";
import { translate } from "@/lib/i18n";
import { chooseLocale, type Locale } from "@/lib/locale";
import { webhookEndpointPath } from "@/lib/paths";
import { organisations } from "@/lib/registry/schema";
import { DISABLE_AFTER_FAILURES } from "@/lib/webhooks/limits";
import type { webhookEndpoints } from "@/lib/webhooks/schema";

const escapeHtml = (value: string) =>
  value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");

/** The email that tells an endpoint's owner it was turned off, in `locale`. */
export function disabledEmail(
  to: string,
  locale: Locale,
  words: { url: string; manageUrl: string; count: number },
): EmailMessage {
  const t = translate("webhooks", locale);
  const body = t("email.body", { url: words.url, count: words.count });
  const text = [body, "", words.manageUrl].join("\n");
  const html = `<!doctype html><html lang="${locale}"><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1c1917">
<p>${escapeHtml(body)}</p>
<p><a href="${escapeHtml(words.manageUrl)}" style="display:inline-block;padding:10px 16px;background:#3730a3;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(t("email.action"))}</a></p>
</body></html>`;
  return { to, subject: t("email.subject", { url: words.url }), text, html };
}

/** Where an endpoint is managed, by the standard or organisation it belongs to. */
export async function endpointPathOf(
  db: Database,
  endpoint: Pick<typeof webhookEndpoints.$inferSelect, "id" | "standardId" | "organisationId">,
): Promise<string | null> {
  if (endpoint.standardId) {
    const [row] = await db
      .select({ slug: standards.slug })
      .from(standards)
      .where(eq(standards.id, endpoint.standardId));
    return row ? webhookEndpointPath({ standard: row.slug }, endpoint.id) : null;
  }
  if (!endpoint.organisationId) return null;
  const [row] = await db
    .select({ slug: organisations.slug })
    .from(organisations)
    .where(eq(organisations.id, endpoint.organisationId));
  return row ? webhookEndpointPath({ organisation: row.slug }, endpoint.id) : null;
}

/** Tells the person who set an endpoint up that Hum stopped sending to it, and where to fix it. */
export async function tellOwnerOfDisabling(
  db: Database,
  endpoint: typeof webhookEndpoints.$inferSelect,
  context: { sender: EmailSender; origin: string },
): Promise<void> {
  const [owner] = await db
    .select({ email: users.email, language: users.language })
    .from(users)
    .where(eq(users.id, endpoint.ownerId));
  const path = await endpointPathOf(db, endpoint);
  if (!owner?.email || !path) return;
  await context.sender.send(
    disabledEmail(owner.email, chooseLocale({ profile: owner.language }), {
      url: endpoint.url,
      manageUrl: `${context.origin}${path}`,
      count: DISABLE_AFTER_FAILURES,
    }),
  );
}
