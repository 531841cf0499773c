import { type CallState, deadlineOf, isFinal } from "@/lib/decisions/rules";

type ObjectionState = "raised" | "withdrawn" | "sustained";

/** How an objection on a call reads: one label that says where it stands. */
export type ObjectionLabel = ObjectionState | "unsettledDecided" | "unsettledWithdrawn";

/**
 * An objection its author neither withdrew nor sustained is "raised" only while the call can
 * still answer it: once the call is decided (by the room, the advisory group or on appeal) or
 * withdrawn, it was left unsettled, and says so.
 */
export function objectionLabel(
  state: ObjectionState,
  call?: Pick<CallState, "phase" | "agDecision">,
): ObjectionLabel {
  if (state !== "raised" || !call) return state;
  if (call.phase === "withdrawn") return "unsettledWithdrawn";
  return isFinal(call.phase) || call.agDecision ? "unsettledDecided" : "raised";
}

/**
 * When comments closed, for a call past its comment period whose deadline line names a later
 * moment (the advisory group's deadline, the end of the appeal window); null where the line
 * already says when comments closed or closes, or the call is over.
 */
export function commentsClosedOn(state: Parameters<typeof deadlineOf>[0]): Date | null {
  const { kind } = deadlineOf(state);
  return kind === "ag_decides" || kind === "appeals_until"
    ? (state.closedAt ?? state.closesAt)
    : null;
}
