import type { EmailMessage } from "@/lib/email/sender";

const escapeHtml = (value: string) =>
  value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");

export type MagicLinkText = {
  subject: string;
  intro: string;
  action: string;
  expiry: string;
  ignore: string;
};

/**
 * The sign-in email. The words come from the message catalogue in `lang`, passed in by the
 * caller.
 */
export function magicLinkEmail(
  to: string,
  url: string,
  words: MagicLinkText,
  lang = "en",
): EmailMessage {
  const text = [words.intro, "", url, "", words.expiry, words.ignore].join("\n");
  const html = `<!doctype html><html lang="${escapeHtml(lang)}"><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1c1917">
<p>${escapeHtml(words.intro)}</p>
<p><a href="${escapeHtml(url)}" style="display:inline-block;padding:10px 16px;background:#3730a3;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(words.action)}</a></p>
<p style="color:#57534e">${escapeHtml(words.expiry)} ${escapeHtml(words.ignore)}</p>
</body></html>`;
  return { to, subject: words.subject, text, html };
}
