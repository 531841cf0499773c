import { useTranslations } from "next-intl";
import { SelectField, TextField } from "@/components/ui/field";
import { countries } from "@/lib/registry/countries";

export type OrganisationValues = {
  name: string;
  country: string;
  website: string;
  contact: string;
};

/**
 * The fields of an organisation's details, shared by the registration form and the form that
 * changes them. `fieldError` is the form's, so each refusal shows next to its field.
 */
export function OrganisationFields({
  values,
  fieldError,
}: {
  values?: OrganisationValues;
  fieldError: (name: string) => string | undefined;
}) {
  const t = useTranslations("registry.organisations.fields");
  return (
    <>
      <TextField
        id="name"
        label={t("name")}
        hint={t("nameHint")}
        required
        maxLength={120 /* MAX_ORGANISATION_NAME, kept out of the client bundle */}
        autoComplete="organization"
        defaultValue={values?.name}
        error={fieldError("name")}
      />
      <SelectField
        id="country"
        label={t("country")}
        hint={t("countryHint")}
        required
        defaultValue={values?.country ?? ""}
        error={fieldError("country")}
      >
        <option value="" disabled>
          {t("countryChoose")}
        </option>
        {countries.map((country) => (
          <option key={country.code} value={country.code}>
            {country.name}
          </option>
        ))}
      </SelectField>
      <TextField
        id="website"
        type="url"
        label={t("website")}
        hint={t("websiteHint")}
        required
        maxLength={2000}
        placeholder="https://"
        defaultValue={values?.website}
        error={fieldError("website")}
      />
      <TextField
        id="contact"
        label={t("contact")}
        hint={t("contactHint")}
        required
        maxLength={2000}
        defaultValue={values?.contact}
        error={fieldError("contact")}
      />
    </>
  );
}
