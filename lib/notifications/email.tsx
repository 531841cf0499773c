import { renderToStaticMarkup } from "react-dom/server";
import type { EmailMessage } from "@/lib/email/sender";
import { translate } from "@/lib/i18n";
import type { Locale } from "@/lib/locale";
import type { NotificationKind } from "@/lib/notifications/mutations";

export type NotificationItem = {
  /** "SW-4 · Thread title" or "Call 3 · Call title". */
  subject: string;
  actor: string;
  kind: NotificationKind;
  excerpt: string;
  url: string;
};

type Props = {
  /** The recipient's language: every fixed word of the email is in it. */
  locale: Locale;
  recipient: string;
  items: NotificationItem[];
  unsubscribeUrl: string;
  digest: boolean;
};

const box = {
  fontFamily: "system-ui, sans-serif",
  lineHeight: 1.5,
  color: "#1c1917",
  maxWidth: 600,
};

/** The notification email as a React component: one item, or a day's digest of several. */
function NotificationEmail({ locale, recipient, items, unsubscribeUrl, digest }: Props) {
  const t = translate("notifications", locale);
  return (
    <div style={box} lang={locale}>
      <p>{t("email.greeting", { name: recipient })}</p>
      <p>{digest ? t("email.digestIntro", { count: items.length }) : t("email.intro")}</p>
      {items.map((item) => (
        <div
          key={item.url + item.excerpt}
          style={{ borderLeft: "3px solid #e0e7ff", paddingLeft: 12, margin: "16px 0" }}
        >
          <p style={{ margin: 0, fontWeight: 600 }}>{item.subject}</p>
          <p style={{ margin: 0, color: "#57534e" }}>
            {t(`kinds.${item.kind}`, { actor: item.actor })}
          </p>
          <p style={{ margin: "4px 0" }}>{item.excerpt}</p>
          <a href={item.url}>{t("email.open")}</a>
        </div>
      ))}
      <p style={{ color: "#57534e", fontSize: 13 }}>
        {digest ? null : `${t("email.replyHint")} `}
        <a href={unsubscribeUrl}>{t("email.unsubscribe")}</a>
      </p>
    </div>
  );
}

function textVersion({ locale, recipient, items, unsubscribeUrl, digest }: Props): string {
  const t = translate("notifications", locale);
  const blocks = items.map((item) =>
    [item.subject, t(`kinds.${item.kind}`, { actor: item.actor }), item.excerpt, item.url].join(
      "\n",
    ),
  );
  return [
    t("email.greeting", { name: recipient }),
    "",
    digest ? t("email.digestIntro", { count: items.length }) : t("email.intro"),
    "",
    blocks.join("\n\n"),
    "",
    ...(digest ? [] : [t("email.replyHint")]),
    `${t("email.unsubscribe")}: ${unsubscribeUrl}`,
  ].join("\n");
}

/** HTML and text from the same data, with the RFC 8058 one-click unsubscribe headers. */
export function notificationEmail(
  to: string,
  props: Props & { oneClickUrl?: string; replyTo?: string },
): EmailMessage {
  const t = translate("notifications", props.locale);
  const first = props.items[0];
  return {
    to,
    subject: props.digest
      ? t("email.digestSubject", { count: props.items.length })
      : t("email.subject", { subject: first?.subject ?? "" }),
    html: `<!doctype html><html><body>${renderToStaticMarkup(<NotificationEmail {...props} />)}</body></html>`,
    text: textVersion(props),
    headers: {
      ...(props.oneClickUrl
        ? {
            "List-Unsubscribe": `<${props.oneClickUrl}>`,
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
          }
        : {}),
      ...(props.replyTo ? { "Reply-To": props.replyTo } : {}),
    },
  };
}
