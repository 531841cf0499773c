import type { EmailMessage } from "@/lib/email/sender";
import { translate } from "@/lib/i18n";
import type { Locale } from "@/lib/locale";

const escapeHtml = (value: string) =>
  value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");

/**
 * The email that invites someone to represent an organisation, in `locale`; the link carries
 * the token.
 */
export function invitationEmail(
  to: string,
  locale: Locale,
  words: { inviter: string; organisation: string; url: string; days: number },
): EmailMessage {
  const t = translate("registry", locale);
  const intro = t("invitations.email.intro", {
    inviter: words.inviter,
    organisation: words.organisation,
  });
  const expiry = t("invitations.email.expiry", { days: words.days });
  const ignore = t("invitations.email.ignore");
  const text = [intro, "", words.url, "", expiry, ignore].join("\n");
  const html = `<!doctype html><html lang="${locale}"><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1c1917">
<p>${escapeHtml(intro)}</p>
<p><a href="${escapeHtml(words.url)}" style="display:inline-block;padding:10px 16px;background:#3730a3;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(t("invitations.email.action"))}</a></p>
<p style="color:#57534e">${escapeHtml(expiry)} ${escapeHtml(ignore)}</p>
</body></html>`;
  return {
    to,
    subject: t("invitations.email.subject", { organisation: words.organisation }),
    text,
    html,
  };
}
