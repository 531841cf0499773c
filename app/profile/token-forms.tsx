"use client";

import { useTranslations } from "next-intl";
import { SelectField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/use-action-form";
import { createTokenAction, revokeTokenAction } from "./actions";

type ScopeName = "read" | "comment" | "position" | "declare";

/**
 * Makes an access token, then shows it, this once, from the action's result: with JavaScript or
 * without (the server renders the page with the result), and never again once the page is left.
 */
export function CreateTokenForm({
  scopes,
  expiryDays,
}: {
  scopes: readonly ScopeName[];
  expiryDays: readonly number[];
}) {
  const t = useTranslations("profile.tokens");
  const form = useActionForm(createTokenAction, { resetOnSuccess: true });
  const made = form.state?.ok ? form.state.data : null;
  const scopeError = form.fieldError("scopes");
  return (
    <>
      {made ? (
        <div className="mb-6 rounded-md border border-amber-300 bg-amber-50 p-4" role="status">
          <h3 className="font-semibold">{t("newTitle", { name: made.name })}</h3>
          <p className="mt-2 text-sm">{t("newWarning")}</p>
          <code
            data-testid="new-token"
            className="mt-3 block select-all break-all rounded border border-line bg-white px-3 py-2 font-mono text-sm"
          >
            {made.token}
          </code>
        </div>
      ) : null}
      <form {...form.formProps} noValidate className="max-w-xl">
        {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
        <TextField
          id="tokenName"
          label={t("name")}
          hint={t("nameHint")}
          required
          maxLength={40}
          autoComplete="off"
          error={form.fieldError("tokenName")}
        />
        <fieldset
          className="mb-4"
          aria-describedby={scopeError ? "scopes-hint scopes-error" : "scopes-hint"}
        >
          <legend className="text-sm font-medium">{t("scopes")}</legend>
          <p id="scopes-hint" className="mt-1 text-sm text-muted">
            {t("scopesHint")}
          </p>
          <ul className="mt-2 space-y-2">
            {scopes.map((scope) => (
              <li key={scope}>
                <label className="flex items-start gap-2">
                  <input
                    type="checkbox"
                    name={`scope:${scope}`}
                    defaultChecked={scope === "read"}
                    className="mt-1"
                  />
                  <span>{t(`scope.${scope}`)}</span>
                </label>
              </li>
            ))}
          </ul>
          {scopeError ? (
            <p id="scopes-error" className="mt-1 text-sm font-medium text-danger">
              {scopeError}
            </p>
          ) : null}
        </fieldset>
        <SelectField
          id="expiresInDays"
          label={t("expiry")}
          hint={t("expiryHint")}
          defaultValue="30"
          error={form.fieldError("expiresInDays")}
        >
          {expiryDays.map((days) => (
            <option key={days} value={days}>
              {t("days", { days })}
            </option>
          ))}
        </SelectField>
        <SubmitButton pendingLabel={t("creating")}>{t("create")}</SubmitButton>
      </form>
    </>
  );
}

/** A plain POST form: revoking needs no script. */
export function RevokeTokenForm({ tokenId, name }: { tokenId: string; name: string }) {
  const t = useTranslations("profile.tokens");
  const form = useActionForm(revokeTokenAction);
  return (
    <form {...form.formProps} aria-label={t("revokeLabel", { name })}>
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <input type="hidden" name="tokenId" value={tokenId} />
      <SubmitButton variant="danger" pendingLabel={t("revoking")}>
        {t("revoke")}
      </SubmitButton>
    </form>
  );
}
