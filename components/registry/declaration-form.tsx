"use client";

import { useTranslations } from "next-intl";
import { AnswerFields, type ClauseToAnswer } from "@/components/registry/answer-fields";
import { SelectField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/use-action-form";
import type { Action } from "@/lib/actions/safe-action";
import type { Answer, Claim, Product } from "@/lib/registry/rules";

export type DeclarationFormProps = {
  action: Action<{ intent: string; version: number }>;
  number: number;
  product: Product;
  release: string;
  releases: string[];
  modules: { code: string; name: string }[];
  levels: string[];
  claims: Claim[];
  clauses: ClauseToAnswer[];
  answers: Record<string, Answer>;
  /** Reaffirming is offered to listed and lapsed declarations only. */
  canReaffirm: boolean;
};

/**
 * The working copy in one form, so 40 clauses or more are saved together and every refusal
 * shows next to its field. Each clause has an anchor; a list of them leads to each.
 */
export function DeclarationForm(props: DeclarationFormProps) {
  const t = useTranslations("registry.edit");
  const tDeclare = useTranslations("registry.declare");
  const form = useActionForm(props.action);
  const claimed = new Map(props.claims.map((claim) => [claim.module, claim.level]));
  return (
    <form {...form.formProps} noValidate>
      <input type="hidden" name="number" value={props.number} />
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      {/* "no_changes" names a call's empty change set elsewhere; here it means a repeat. */}
      {form.state && !form.state.ok && form.state.fieldErrors.form === "no_changes" ? (
        <Notice tone="error">{t("noChanges")}</Notice>
      ) : null}

      <fieldset className="mb-8 max-w-2xl">
        <legend className="mb-3 text-xl font-semibold">{t("productTitle")}</legend>
        <TextField
          id="product.name"
          label={tDeclare("productName")}
          required
          maxLength={120}
          defaultValue={props.product.name}
          error={form.fieldError("product.name")}
        />
        <TextField
          id="product.model"
          label={tDeclare("productModel")}
          hint={tDeclare("productModelHint")}
          maxLength={120}
          defaultValue={props.product.model}
          error={form.fieldError("product.model")}
        />
        <TextField
          id="product.url"
          type="url"
          label={tDeclare("productUrl")}
          hint={tDeclare("productUrlHint")}
          maxLength={500}
          defaultValue={props.product.url}
          error={form.fieldError("product.url")}
        />
        <TextField
          id="product.category"
          label={tDeclare("productCategory")}
          hint={tDeclare("productCategoryHint")}
          maxLength={80}
          defaultValue={props.product.category}
          error={form.fieldError("product.category")}
        />
        <SelectField
          id="release"
          label={t("releaseTitle")}
          defaultValue={props.release}
          error={form.fieldError("release")}
        >
          {props.releases.map((version) => (
            <option key={version} value={version}>
              {t("releaseOption", { version })}
            </option>
          ))}
        </SelectField>
      </fieldset>

      <fieldset className="mb-8 max-w-2xl">
        <legend className="mb-1 text-xl font-semibold">{t("claimsTitle")}</legend>
        <p className="mb-3 text-sm text-muted">{t("claimsLead")}</p>
        {form.fieldError("claims") ? (
          <p className="mb-3 text-sm font-medium text-danger">{form.fieldError("claims")}</p>
        ) : null}
        <div className="grid gap-x-4 sm:grid-cols-2">
          {props.modules.map((module) => (
            <SelectField
              key={module.code}
              id={`claims.${module.code}`}
              label={module.name}
              defaultValue={claimed.get(module.code) ?? ""}
              error={form.fieldError(`claims.${module.code}`)}
            >
              <option value="">{t("outOfScope")}</option>
              {props.levels.map((level) => (
                <option key={level} value={level}>
                  {level}
                </option>
              ))}
            </SelectField>
          ))}
        </div>
      </fieldset>

      <section className="mb-8" aria-labelledby="required-clauses">
        <h2 id="required-clauses" className="mb-1 text-xl font-semibold">
          {t("clausesTitle")}
        </h2>
        <p className="mb-3 text-sm text-muted">
          {t("clausesLead", { count: props.clauses.length })}
        </p>
        {props.clauses.length > 0 ? (
          <nav aria-label={t("contents")} className="mb-4">
            <ul className="flex flex-wrap gap-2 text-sm">
              {props.clauses.map((clause) => (
                <li key={clause.ref}>
                  <a href={`#${clause.ref}`} className="font-mono underline">
                    {clause.ref}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <div className="space-y-4">
          {props.clauses.map((clause) => (
            <AnswerFields
              key={clause.ref}
              clause={clause}
              answer={props.answers[clause.ref]}
              fieldError={form.fieldError}
            />
          ))}
        </div>
      </section>

      <div className="sticky bottom-0 flex flex-wrap gap-3 border-t border-line bg-white py-3">
        <SubmitButton name="intent" value="save" variant="secondary" pendingLabel={t("saving")}>
          {t("save")}
        </SubmitButton>
        <SubmitButton name="intent" value="publish" pendingLabel={t("saving")}>
          {t("publish")}
        </SubmitButton>
        {props.canReaffirm ? (
          <SubmitButton
            name="intent"
            value="reaffirm"
            variant="secondary"
            pendingLabel={t("saving")}
          >
            {t("reaffirm")}
          </SubmitButton>
        ) : null}
      </div>
    </form>
  );
}
