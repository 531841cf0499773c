/**
 * What people say on a call, and how it is counted: positions towards quorum, objections that
 * block consensus, votes towards a majority. Pure functions, as the rules that use them.
 */

export const decisions = ["adopt", "reject", "return"] as const;
export type Decision = (typeof decisions)[number];

export const stances = ["support", "no_objection", "object", "abstain", "recuse"] as const;
export type Stance = (typeof stances)[number];

/** An objection blocks consensus until its author withdraws it. */
export type ObjectionState = "raised" | "withdrawn" | "sustained";

/** One member's vote; a call chooses among `Decision`s, a challenge among its own verdicts. */
export type Vote<C extends string = Decision> = {
  voterId: string;
  choice: C | "recuse";
  rationale: string;
};

/** A group as it stands when it votes: its current members and chair. */
export type Body = { memberIds: string[]; chairId: string | null };

/** Recused people take part in nothing: they leave both quorum and majority counts. */
export function quorumCount(stances: Stance[]): number {
  return stances.filter((stance) => stance !== "recuse").length;
}

export function blockingObjections(objections: ObjectionState[]): number {
  return objections.filter((state) => state !== "withdrawn").length;
}

export type Tally<C extends string = Decision> =
  | { kind: "decided"; decision: C; votes: number; eligible: number }
  | { kind: "tie"; eligible: number }
  | { kind: "pending"; eligible: number };

/**
 * A strict majority of the group's non-recused members decides. When every one of them has
 * voted and no choice has a majority, it is a tie; `castingVoteOf` (the SC chair) breaks it when
 * the chair voted for one of the choices that tied.
 */
export function tallyVotes<C extends string = Decision>(
  votes: Vote<C>[],
  body: Body,
  castingVoteOf: string | null = null,
): Tally<C> {
  const members = new Set(body.memberIds);
  const counted = votes.filter((vote) => members.has(vote.voterId));
  const recused = new Set(
    counted.filter((vote) => vote.choice === "recuse").map((vote) => vote.voterId),
  );
  const eligible = body.memberIds.filter((id) => !recused.has(id)).length;
  const cast = counted.filter((vote): vote is Vote<C> & { choice: C } => vote.choice !== "recuse");
  const counts = new Map<C, number>();
  for (const vote of cast) counts.set(vote.choice, (counts.get(vote.choice) ?? 0) + 1);
  const needed = Math.floor(eligible / 2) + 1;
  // At most one choice can hold a strict majority, so the order of this search does not matter.
  for (const [decision, votes] of counts) {
    if (eligible > 0 && votes >= needed) return { kind: "decided", decision, votes, eligible };
  }
  if (cast.length < eligible) return { kind: "pending", eligible };
  const top = Math.max(0, ...counts.values());
  const casting = cast.find((vote) => vote.voterId === castingVoteOf);
  if (casting && top > 0 && counts.get(casting.choice) === top) {
    return { kind: "decided", decision: casting.choice, votes: top, eligible };
  }
  return { kind: "tie", eligible };
}

/** The written reasons of those who carried the decision, which become the call's rationale. */
export function rationaleOf<C extends string>(votes: Vote<C>[], decision: C): string {
  return votes
    .filter((vote) => vote.choice === decision)
    .map((vote) => vote.rationale.trim())
    .filter(Boolean)
    .join("\n\n");
}
