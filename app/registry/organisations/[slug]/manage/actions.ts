"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { getDb } from "@/lib/db/client";
import { readerLocale } from "@/lib/reader-locale";
import { invitationMail, inviteRepresentative } from "@/lib/registry/invitations";
import {
  endRepresentative,
  representativeOf,
  updateOrganisation,
} from "@/lib/registry/organisations";
import {
  emailAddress,
  INVITATION_DAYS,
  organisationSchema,
} from "@/lib/registry/organisations-rules";
import { slug, uuid } from "@/lib/validation";

// Each action proves the person represents the organisation named by the form's slug, in
// lib/registry, which records a refusal; the mutation then takes that proof.

export const updateOrganisationAction = defineAction({
  name: "updateOrganisation",
  schema: organisationSchema.extend({ slug }),
  run: async ({ slug, ...input }, participant) => {
    const db = getDb();
    const representative = await representativeOf(
      db,
      participant,
      slug,
      "registry.manage_organisation",
    );
    return updateOrganisation(db, representative, input);
  },
  done: ({ verificationCleared }) => ({
    key: verificationCleared
      ? "registry.organisations.notices.updatedUnverified"
      : "registry.organisations.notices.updated",
  }),
});

export const inviteRepresentativeAction = defineAction({
  name: "inviteRepresentative",
  schema: z.object({ slug, email: emailAddress }),
  run: async ({ slug, email }, participant) => {
    const db = getDb();
    const representative = await representativeOf(
      db,
      participant,
      slug,
      "registry.invite_representative",
    );
    await inviteRepresentative(
      db,
      representative,
      email,
      new Date(),
      invitationMail(await readerLocale()),
    );
  },
  done: { key: "registry.organisations.notices.invited", params: { days: INVITATION_DAYS } },
});

export const endRepresentativeAction = defineAction({
  name: "endRepresentative",
  schema: z.object({ slug, representativeId: uuid }),
  run: async ({ slug, representativeId }, participant) => {
    const db = getDb();
    const representative = await representativeOf(
      db,
      participant,
      slug,
      "registry.end_representative",
    );
    return endRepresentative(db, representative, representativeId);
  },
  done: ({ name }) => ({ key: "registry.organisations.notices.ended", params: { name } }),
});
