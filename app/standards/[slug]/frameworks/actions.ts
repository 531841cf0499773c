"use server";

import { defineAction } from "@/lib/actions/safe-action";
import { getDb } from "@/lib/db/client";
import { addFramework } from "@/lib/drafting/frameworks";
import { frameworkSchema } from "@/lib/drafting/mappings";
import { slug } from "@/lib/validation";

// The mutation takes a participant and checks the rest itself; this only parses the form.
export const addFrameworkAction = defineAction({
  name: "addFramework",
  schema: frameworkSchema.extend({ standardSlug: slug }),
  run: (input, participant) => addFramework(getDb(), participant, input),
  done: ({ key }) => ({ key: "frameworks.added", params: { key } }),
});
