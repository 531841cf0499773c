"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import {
  createEndpointAction,
  deleteEndpointAction,
  sendTestEventAction,
  setEndpointEnabledAction,
} from "@/app/webhooks/actions";
import { SelectField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/use-action-form";
import { localeNames, locales } from "@/lib/locale";

const formats = ["json", "slack", "discord", "teams", "matrix"] as const;
const eventKey = (type: string) => type.replace(".", "_") as "call_opened";

/** Adds an endpoint to a standard (secretariat) or an organisation (representatives). */
export function CreateEndpointForm({
  owner,
  slug,
  events,
}: {
  owner: "standard" | "organisation";
  slug: string;
  events: readonly string[];
}) {
  const t = useTranslations("webhooks");
  const form = useActionForm(createEndpointAction);
  const [format, setFormat] = useState<string>("json");
  return (
    <form {...form.formProps} noValidate className="max-w-2xl" aria-label={t("manage.addTitle")}>
      <input type="hidden" name="owner" value={owner} />
      <input type="hidden" name="slug" value={slug} />
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <TextField
        id="webhook-url"
        name="url"
        type="url"
        required
        maxLength={2000}
        autoComplete="off"
        label={t("manage.url")}
        hint={t("manage.urlHint")}
        error={form.fieldError("url")}
      />
      <SelectField
        id="format"
        label={t("manage.format")}
        value={format}
        onChange={(event) => setFormat(event.target.value)}
        error={form.fieldError("format")}
      >
        {formats.map((value) => (
          <option key={value} value={value}>
            {t(`formats.${value}`)}
          </option>
        ))}
      </SelectField>
      {format === "matrix" ? (
        <>
          <TextField
            id="matrix-room"
            name="matrixRoomId"
            maxLength={255}
            autoComplete="off"
            label={t("manage.matrixRoom")}
            hint={t("manage.matrixRoomHint")}
            error={form.fieldError("matrixRoomId")}
          />
          <TextField
            id="matrix-token"
            name="matrixAccessToken"
            type="password"
            maxLength={1000}
            autoComplete="off"
            label={t("manage.matrixToken")}
            hint={t("manage.matrixTokenHint")}
            error={form.fieldError("matrixAccessToken")}
          />
        </>
      ) : null}
      <fieldset className="mb-4" aria-describedby="webhook-events-hint">
        <legend className="text-sm font-medium">{t("manage.events")}</legend>
        <p id="webhook-events-hint" className="mb-2 text-sm text-muted">
          {t("manage.eventsHint")}
        </p>
        <ul className="grid gap-1 sm:grid-cols-2">
          {events.map((type) => (
            <li key={type}>
              <label className="inline-flex items-center gap-2">
                <input type="checkbox" name={`event:${type}`} />
                {t(`events.${eventKey(type)}`)}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <SelectField id="language" label={t("manage.language")} defaultValue="en">
        {locales.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {localeNames[locale]}
          </option>
        ))}
      </SelectField>
      <SubmitButton pendingLabel={t("manage.adding")}>{t("manage.add")}</SubmitButton>
    </form>
  );
}

/** Enable or disable, send a test event, delete: each its own small form. */
export function EndpointControls({
  endpointId,
  enabled,
  back,
}: {
  endpointId: string;
  enabled: boolean;
  back: string;
}) {
  const t = useTranslations("webhooks.manage");
  const toggle = useActionForm(setEndpointEnabledAction);
  const test = useActionForm(sendTestEventAction);
  const remove = useActionForm(deleteEndpointAction);
  const error = toggle.formError ?? test.formError ?? remove.formError;
  return (
    <div className="mb-6">
      {error ? <Notice tone="error">{error}</Notice> : null}
      <div className="flex flex-wrap gap-3">
        <form {...toggle.formProps}>
          <input type="hidden" name="endpointId" value={endpointId} />
          <input type="hidden" name="enabled" value={enabled ? "false" : "true"} />
          <SubmitButton variant="secondary" pendingLabel={enabled ? t("disable") : t("enable")}>
            {enabled ? t("disable") : t("enable")}
          </SubmitButton>
        </form>
        <form {...test.formProps}>
          <input type="hidden" name="endpointId" value={endpointId} />
          <SubmitButton variant="secondary" pendingLabel={t("sendTest")}>
            {t("sendTest")}
          </SubmitButton>
        </form>
        <form {...remove.formProps}>
          <input type="hidden" name="endpointId" value={endpointId} />
          <input type="hidden" name="back" value={back} />
          <SubmitButton variant="danger" pendingLabel={t("delete")}>
            {t("delete")}
          </SubmitButton>
        </form>
      </div>
    </div>
  );
}
