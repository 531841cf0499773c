"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { getDb } from "@/lib/db/client";
import { addMapping, removeMapping } from "@/lib/drafting/frameworks";
import { mappingSchema } from "@/lib/drafting/mappings";
import { uuid as clauseId } from "@/lib/validation";

// Each mutation takes a participant and checks the rest itself; these only parse the form.
export const addMappingAction = defineAction({
  name: "addMapping",
  schema: mappingSchema.extend({ clauseId }),
  run: ({ clauseId: id, ...mapping }, participant) => addMapping(getDb(), participant, id, mapping),
  done: (_data, { provision }) => ({ key: "frameworks.mappingAdded", params: { provision } }),
});

export const removeMappingAction = defineAction({
  name: "removeMapping",
  schema: z.object({
    clauseId,
    framework: mappingSchema.shape.framework,
    provision: mappingSchema.shape.provision,
    relationship: mappingSchema.shape.relationship,
  }),
  run: ({ clauseId: id, ...link }, participant) => removeMapping(getDb(), participant, id, link),
  done: (_data, { provision }) => ({ key: "frameworks.mappingRemoved", params: { provision } }),
});
