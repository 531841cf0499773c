"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { closeSectionConnections } from "@/lib/collab/internal";
import { getDb } from "@/lib/db/client";
import { proposeSectionRetirement } from "@/lib/decisions/structure";
import { revisionNoteSchema } from "@/lib/drafting/rules";
import {
  createSection,
  moveSection,
  renameSection,
  saveSectionRevision,
} from "@/lib/drafting/sections";
import { sectionInputSchema, sectionTitleSchema } from "@/lib/drafting/sections-rules";
import { authSecret, collabInternalUrl } from "@/lib/env";
import { fieldError } from "@/lib/errors";
import { callPath, draftSectionPath } from "@/lib/paths";
import { plainText, uuid as sectionId, slug } from "@/lib/validation";

// Each mutation takes a participant and checks the rest itself; these only parse the form.
export const addSectionAction = defineAction({
  name: "addSection",
  schema: sectionInputSchema.extend({ standardSlug: slug }),
  run: (input, participant) => createSection(getDb(), participant, input),
  done: (created, { standardSlug, title }) => ({
    key: "drafting.sections.added",
    params: { title },
    href: draftSectionPath(standardSlug, created.slug),
  }),
});

export const renameSectionAction = defineAction({
  name: "renameSection",
  schema: sectionTitleSchema.extend({ sectionId }),
  run: ({ sectionId: id, title }, participant) => renameSection(getDb(), participant, id, title),
  done: { key: "drafting.sections.renamed" },
});

export const moveSectionAction = defineAction({
  name: "moveSection",
  schema: z.object({ sectionId, direction: z.enum(["up", "down"], fieldError("required")) }),
  run: ({ sectionId: id, direction }, participant) =>
    moveSection(getDb(), participant, id, direction),
  done: (_data, { direction }) => ({ key: "drafting.sections.moved", params: { direction } }),
});

export const saveSectionRevisionAction = defineAction({
  name: "saveSectionRevision",
  schema: revisionNoteSchema.extend({ sectionId }),
  run: ({ sectionId: id, note }, participant) =>
    saveSectionRevision(getDb(), participant, id, note),
  done: (number) => ({ key: "drafting.sections.revisionSaved", params: { number } }),
});

export const retireSectionAction = defineAction({
  name: "retireSection",
  schema: z.object({ sectionId, standardSlug: slug, reason: plainText(2000) }),
  run: ({ sectionId: id, reason }, participant) =>
    proposeSectionRetirement(getDb(), participant, id, reason, new Date(), (target) =>
      closeSectionConnections(collabInternalUrl(), authSecret(), target),
    ),
  done: ({ callNumber }, { standardSlug }) =>
    callNumber === null
      ? { key: "drafting.sections.retired" }
      : {
          key: "drafting.sections.retirementProposed",
          params: { number: callNumber },
          href: callPath(standardSlug, callNumber),
        },
});
