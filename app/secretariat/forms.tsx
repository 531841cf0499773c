"use client";

import { useTranslations } from "next-intl";
import { DateSpanFields } from "@/components/date-span-fields";
import { SelectField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/use-action-form";
import { groups, roles } from "@/lib/community/rules";
import { appointAction, endMembershipAction, setSecretariatAction } from "./actions";

export function AppointForm({ today }: { today: string }) {
  const t = useTranslations("secretariat");
  const tGroups = useTranslations("groups");
  const form = useActionForm(appointAction, { resetOnSuccess: true });
  return (
    <form {...form.formProps} noValidate className="max-w-2xl">
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <TextField
        id="email"
        type="email"
        label={t("email")}
        hint={t("emailHint")}
        required
        error={form.fieldError("email")}
      />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <SelectField id="group" label={t("group")} error={form.fieldError("group")}>
          {groups.map((group) => (
            <option key={group} value={group}>
              {tGroups(`names.${group}`)}
            </option>
          ))}
        </SelectField>
        <SelectField id="role" label={t("role")} error={form.fieldError("role")}>
          {roles.map((role) => (
            <option key={role} value={role}>
              {tGroups(`roles.${role}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <DateSpanFields
        first={{ id: "startsOn", label: t("startsOn"), defaultValue: today, required: true }}
        last={{ id: "endsOn", label: t("endsOn"), hint: t("endsOnHint") }}
        fieldError={form.fieldError}
      />
      <SubmitButton pendingLabel={t("appointing")}>{t("appoint")}</SubmitButton>
    </form>
  );
}

/** Ending a term takes two steps: open the disclosure, then confirm. Works without JavaScript. */
export function EndMembershipForm({
  membershipId,
  label,
}: {
  membershipId: string;
  label: string;
}) {
  const t = useTranslations("secretariat");
  const form = useActionForm(endMembershipAction);
  return (
    <details className="text-right">
      <summary className="cursor-pointer text-sm text-danger">{t("end")}</summary>
      <form {...form.formProps} className="mt-2">
        <input type="hidden" name="membershipId" value={membershipId} />
        {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
        <SubmitButton variant="danger" pendingLabel={t("ending")}>
          {label}
        </SubmitButton>
      </form>
    </details>
  );
}

export function SecretariatForm() {
  const t = useTranslations("secretariat");
  const form = useActionForm(setSecretariatAction);
  return (
    <form {...form.formProps} noValidate className="max-w-xl">
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <TextField
        id="secretariat-email"
        name="email"
        type="email"
        label={t("email")}
        required
        error={form.fieldError("email")}
      />
      <div className="flex flex-wrap gap-3">
        <SubmitButton name="grant" value="true" pendingLabel={t("saving")}>
          {t("grant")}
        </SubmitButton>
        <SubmitButton name="grant" value="false" variant="danger" pendingLabel={t("saving")}>
          {t("revoke")}
        </SubmitButton>
      </div>
    </form>
  );
}
