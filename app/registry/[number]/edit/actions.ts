"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { getDb } from "@/lib/db/client";
import { fieldError } from "@/lib/errors";
import { editFormSchema, saveInputOf } from "@/lib/registry/declaration-input";
import { requireDeclarationRepresentative } from "@/lib/registry/declaration-rows";
import { saveDeclaration, withdrawDeclaration } from "@/lib/registry/declarations";
import { publishDeclaration, reaffirmDeclaration } from "@/lib/registry/publish";

const number = z.coerce.number(fieldError("invalid")).int().positive();
const intents = {
  save: "registry.edit_declaration",
  publish: "registry.publish_declaration",
  reaffirm: "registry.reaffirm_declaration",
} as const;

/**
 * One form, three buttons: every button saves the working copy first, so what is published is
 * what the representative sees; publishing and reaffirming then freeze it as a new version.
 */
export const editDeclarationAction = defineAction({
  name: "editDeclaration",
  schema: editFormSchema,
  run: async (form, participant) => {
    const db = getDb();
    const parsed = number.safeParse(form.number);
    const declaration = parsed.success ? parsed.data : 0;
    const intent = form.intent === "publish" || form.intent === "reaffirm" ? form.intent : "save";
    const editor = await requireDeclarationRepresentative(
      db,
      participant,
      declaration,
      intents.save,
    );
    await saveDeclaration(db, editor, declaration, saveInputOf(form));
    if (intent === "save") return { intent, version: 0 };
    const rep = await requireDeclarationRepresentative(
      db,
      participant,
      declaration,
      intents[intent],
    );
    const run = intent === "publish" ? publishDeclaration : reaffirmDeclaration;
    const { version } = await run(db, rep, declaration);
    return { intent, version };
  },
  done: ({ intent, version }) => ({
    key:
      intent === "publish"
        ? "registry.edit.published"
        : intent === "reaffirm"
          ? "registry.edit.reaffirmed"
          : "registry.edit.saved",
    params: { version },
  }),
});

export const withdrawDeclarationAction = defineAction({
  name: "withdrawDeclaration",
  // Withdrawing is final: the form asks the representative to say so, and so does the action.
  schema: z.object({
    number,
    note: z.string().default(""),
    confirm: z.literal("on", fieldError("required")),
  }),
  run: async (input, participant) => {
    const db = getDb();
    const rep = await requireDeclarationRepresentative(
      db,
      participant,
      input.number,
      "registry.withdraw_declaration",
    );
    await withdrawDeclaration(db, rep, input.number, input.note);
  },
  done: { key: "registry.edit.withdrawn" },
});
