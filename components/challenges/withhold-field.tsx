"use client";

import { useTranslations } from "next-intl";

/** Asks that the filer's name be withheld, and says who still sees it. */
export function WithholdField() {
  const t = useTranslations("challenges.file");
  return (
    <div className="mb-6">
      <label className="flex items-start gap-2">
        <input type="checkbox" name="withhold" className="mt-1" aria-describedby="withhold-hint" />
        <span className="font-medium">{t("withhold")}</span>
      </label>
      <p id="withhold-hint" className="mt-1 ml-6 text-sm text-muted">
        {t("withholdHint")}
      </p>
    </div>
  );
}
