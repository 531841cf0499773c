import { z } from "zod";

/** The first part of every action name; the transparency page filters on these. */
export const auditCategories = [
  "auth",
  "access",
  "community",
  "drafting",
  "discussion",
  "decisions",
  "releases",
] as const;

const optionalParam = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => (Array.isArray(value) ? value[0] : value) || undefined);

/** Query-string filters for the public log; anything malformed is dropped, not an error. */
export const auditFilterSchema = z.object({
  action: optionalParam.pipe(
    z
      .string()
      .regex(/^[a-z_]+\.([a-z_]+)?$/)
      .optional()
      .catch(undefined),
  ),
  subjectType: optionalParam.pipe(
    z
      .string()
      .regex(/^[a-z_]{1,40}$/)
      .optional()
      .catch(undefined),
  ),
  before: optionalParam.pipe(
    z
      .string()
      .regex(/^[1-9]\d{0,14}$/)
      .transform(Number)
      .optional()
      .catch(undefined),
  ),
});
