import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import type { ThreadKind } from "@/lib/discussion/rules";

/**
 * The fields of a new thread, wherever one is opened (a clause's discussion, a review's): its
 * kind beside its title, then anything the place adds (a clause's quote), then its body. Each
 * place gives its own ids, since a page may hold more than one such form; the names are the
 * ones every thread action reads.
 */
export function NewThreadFields({
  kinds,
  titleId,
  bodyId,
  fieldError,
  children,
}: {
  /** The kinds a thread may take here. */
  kinds: readonly ThreadKind[];
  titleId: string;
  bodyId: string;
  fieldError: (name: string) => string | undefined;
  /** Fields that go between the title and the body. */
  children?: ReactNode;
}) {
  const t = useTranslations("discussion");
  return (
    <>
      <div className="grid gap-x-4 sm:grid-cols-3">
        <SelectField id="kind" label={t("kind")} error={fieldError("kind")}>
          {kinds.map((kind) => (
            <option key={kind} value={kind}>
              {t(`kinds.${kind}`)}
            </option>
          ))}
        </SelectField>
        <div className="sm:col-span-2">
          <TextField
            id={titleId}
            name="title"
            label={t("threadTitle")}
            maxLength={160}
            required
            error={fieldError("title")}
          />
        </div>
      </div>
      {children}
      <TextAreaField
        id={bodyId}
        name="body"
        label={t("body")}
        hint={t("markdownHint")}
        rows={4}
        required
        error={fieldError("body")}
      />
    </>
  );
}
