"use server";

import { defineAction } from "@/lib/actions/safe-action";
import { appealChallenge, voteOnChallenge } from "@/lib/challenges/deciding";
import {
  numberOf,
  postedForm,
  reasonOf,
  responseInputOf,
  voteInputOf,
} from "@/lib/challenges/form-input";
import { respondToChallenge, withdrawChallenge } from "@/lib/challenges/responses";
import { getDb } from "@/lib/db/client";

// Each form says which challenge it is about in a hidden field; lib/challenges decides whether
// this person may do it now, whatever the page showed.

export const respondAction = defineAction({
  name: "respondToChallenge",
  schema: postedForm,
  run: (form, participant) =>
    respondToChallenge(getDb(), participant, numberOf(form), responseInputOf(form)),
  done: { key: "challenges.done.responded" },
});

export const withdrawChallengeAction = defineAction({
  name: "withdrawChallenge",
  schema: postedForm,
  run: (form, participant) =>
    withdrawChallenge(getDb(), participant, numberOf(form), reasonOf(form)),
  done: { key: "challenges.done.withdrawn" },
});

export const voteAction = defineAction({
  name: "voteOnChallenge",
  schema: postedForm,
  run: (form, participant) =>
    voteOnChallenge(getDb(), participant, numberOf(form), voteInputOf(form)),
  done: { key: "challenges.done.voted" },
});

export const appealAction = defineAction({
  name: "appealChallenge",
  schema: postedForm,
  run: (form, participant) => appealChallenge(getDb(), participant, numberOf(form), reasonOf(form)),
  done: { key: "challenges.done.appealed" },
});
