"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { getDb } from "@/lib/db/client";
import { openTranslationCall } from "@/lib/decisions/translation-calls";
import { callPath, translationEditPath } from "@/lib/paths";
import { clauseTranslationSchema } from "@/lib/translations/fields";
import { startTranslation, translateClause } from "@/lib/translations/mutations";
import { CLAUSE_REF, uuid as id, plainText, slug, VERSION } from "@/lib/validation";

// Any participant may translate: the mutations check the release and the translation's state.
export const startTranslationAction = defineAction({
  name: "startTranslation",
  schema: z.object({
    releaseId: id,
    locale: z.string().max(10),
    slug,
    version: z.string().regex(VERSION),
  }),
  run: async ({ releaseId, locale }, participant) =>
    startTranslation(getDb(), participant, { releaseId, locale }),
  done: { key: "translations.start.done" },
  redirectTo: ({ locale }, { slug, version }) => translationEditPath(slug, version, locale),
});

export const translateClauseAction = defineAction({
  name: "translateClause",
  schema: clauseTranslationSchema.extend({
    translationId: id,
    ref: z.string().regex(CLAUSE_REF),
  }),
  run: async ({ translationId, ref, ...text }, participant) =>
    translateClause(getDb(), participant, { translationId, ref, text }),
  done: (_data, { ref }) => ({ key: "translations.edit.saved", params: { ref } }),
});

export const openTranslationCallAction = defineAction({
  name: "openTranslationCall",
  schema: z.object({
    translationId: id,
    slug,
    description: plainText(10_000, { markup: true }),
  }),
  run: async ({ translationId, description }, participant) =>
    openTranslationCall(getDb(), participant, translationId, { description }),
  done: ({ callNumber }, { slug }) => ({
    key: "translations.edit.callDone",
    params: { number: callNumber },
    href: callPath(slug, callNumber),
  }),
  redirectTo: ({ callNumber }, { slug }) => callPath(slug, callNumber),
});
