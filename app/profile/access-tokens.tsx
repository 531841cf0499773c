import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Section } from "@/components/ui/page";
import { listTokens, scopes, TOKEN_EXPIRY_DAYS } from "@/lib/api/tokens";
import type { Participant } from "@/lib/community/authz";
import { getDb } from "@/lib/db/client";
import { CreateTokenForm, RevokeTokenForm } from "./token-forms";

/** The API's reference page, built from its OpenAPI document. */
const API_REFERENCE = "/api";

/** The person's access tokens: made here, listed with their last use, revoked here. */
export async function AccessTokens({ owner }: { owner: Participant }) {
  const [t, format, tokens] = await Promise.all([
    getTranslations("profile.tokens"),
    getFormatter(),
    listTokens(getDb(), owner),
  ]);
  const now = new Date();
  const day = (at: Date) => format.dateTime(at, { dateStyle: "medium" });
  const moment = (at: Date) => format.dateTime(at, { dateStyle: "medium", timeStyle: "short" });
  return (
    <Section title={t("title")} id="tokens">
      <p className="mb-2 max-w-2xl">{t("lead")}</p>
      <p className="mb-4">
        <Link href={API_REFERENCE} prefetch={false}>
          {t("apiLink")}
        </Link>
      </p>
      <CreateTokenForm scopes={scopes} expiryDays={TOKEN_EXPIRY_DAYS} />
      <h3 className="mt-8 mb-3 text-lg font-semibold">{t("listTitle")}</h3>
      {tokens.length === 0 ? (
        <p className="text-muted">{t("none")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-line">
                <th scope="col" className="py-2 pr-3">
                  {t("name")}
                </th>
                <th scope="col" className="py-2 pr-3">
                  {t("scopes")}
                </th>
                <th scope="col" className="py-2 pr-3">
                  {t("prefix")}
                </th>
                <th scope="col" className="py-2 pr-3">
                  {t("createdAt")}
                </th>
                <th scope="col" className="py-2 pr-3">
                  {t("expiresAt")}
                </th>
                <th scope="col" className="py-2 pr-3">
                  {t("lastUsed")}
                </th>
                <th scope="col" className="py-2 pr-3">
                  {t("state")}
                </th>
                <th scope="col" className="py-2">
                  <span className="sr-only">{t("revoke")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => {
                const state = token.revokedAt
                  ? "revoked"
                  : token.expiresAt <= now
                    ? "expired"
                    : "active";
                return (
                  <tr key={token.id} className="border-b border-line align-top">
                    <th scope="row" className="py-2 pr-3 font-medium">
                      {token.name}
                    </th>
                    <td className="py-2 pr-3">{token.scopes.join(", ")}</td>
                    <td className="py-2 pr-3 font-mono">{token.prefix}…</td>
                    <td className="py-2 pr-3">{day(token.createdAt)}</td>
                    <td className="py-2 pr-3">{day(token.expiresAt)}</td>
                    <td className="py-2 pr-3">
                      {token.lastUsedAt ? moment(token.lastUsedAt) : t("never")}
                    </td>
                    <td className="py-2 pr-3">{t(`states.${state}`)}</td>
                    <td className="py-2">
                      {state === "active" ? (
                        <RevokeTokenForm tokenId={token.id} name={token.name} />
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
