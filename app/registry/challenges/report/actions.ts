"use server";

import { defineAction } from "@/lib/actions/safe-action";
import { fileMisuseReport } from "@/lib/challenges/filing";
import { misuseInputOf, postedForm } from "@/lib/challenges/form-input";
import { getDb } from "@/lib/db/client";
import { challengePath } from "@/lib/paths";

// Anyone signed in may report misuse of the mark; it goes to the advisory group at once.
export const reportMisuseAction = defineAction({
  name: "reportMisuse",
  schema: postedForm,
  run: (form, participant) => fileMisuseReport(getDb(), participant, misuseInputOf(form)),
  done: ({ number }) => ({ key: "challenges.done.reported", params: { number } }),
  redirectTo: ({ number }) => challengePath(number),
});
