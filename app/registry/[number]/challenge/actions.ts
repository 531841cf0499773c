"use server";

import { defineAction } from "@/lib/actions/safe-action";
import { fileChallenge } from "@/lib/challenges/filing";
import { challengeInputOf, postedForm } from "@/lib/challenges/form-input";
import { getDb } from "@/lib/db/client";
import { challengePath } from "@/lib/paths";

// Anyone signed in may challenge a listing; lib/challenges checks what only it can know.
export const fileChallengeAction = defineAction({
  name: "fileChallenge",
  schema: postedForm,
  run: (form, participant) => fileChallenge(getDb(), participant, challengeInputOf(form)),
  done: ({ number }) => ({ key: "challenges.done.filed", params: { number } }),
  redirectTo: ({ number }) => challengePath(number),
});
