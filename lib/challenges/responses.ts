import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/mutations";
import { parseResponse, parseShortReason, refuseIf } from "@/lib/challenges/inputs";
import { applyChallengeTransition } from "@/lib/challenges/outcome";
import { type ChallengeRow, decide, lockChallenge, readChallenge } from "@/lib/challenges/rows";
import type { ResponseKind } from "@/lib/challenges/rules";
import { challenges } from "@/lib/challenges/schema";
import { type Participant, recordRefusal } from "@/lib/community/authz";
import type { Database, Transaction } from "@/lib/db/client";
import { DomainError, type FieldErrors } from "@/lib/errors";
import { declarationSubjectId } from "@/lib/paths";
import { isRepresentative, requireRepresentative } from "@/lib/registry/authz";
import type { DeclarationBody } from "@/lib/registry/rules";
import { declarations, declarationVersions } from "@/lib/registry/schema";
import { canonicalJson } from "@/lib/releases/content";

export type ResponseInput = { response: ResponseKind; text: string; evidence: string[] };

const RESPOND = "registry.respond_to_challenge";

/**
 * The declarant's response within the window, by a representative in office: a cure (the
 * latest published version changes the answers challenged), a dispute, or the declaration's
 * withdrawal. Anyone else is refused on the record.
 */
export async function respondToChallenge(
  db: Database,
  person: Participant,
  number: number,
  input: ResponseInput,
  now = new Date(),
): Promise<void> {
  const found = await readChallenge(db, number);
  // The refusal is written outside the transaction, so the public record keeps it.
  if (!found.organisationId) {
    await recordRefusal(db, person.id, RESPOND, "not_representative");
    throw new DomainError("forbidden");
  }
  const rep = await requireRepresentative(db, person, found.organisationId, RESPOND, now);
  const problems: FieldErrors = {};
  const response = parseResponse(input, problems);
  refuseIf(problems);
  await db.transaction(async (tx) => {
    const row = await lockChallenge(tx, number);
    // A term that ended between the check and the lock ends the right to answer too.
    if (!row.organisationId || !(await isRepresentative(tx, row.organisationId, rep.id, now))) {
      throw new DomainError("forbidden");
    }
    const changesConcerned =
      response.response === "cure" ? await changesConcernedBy(tx, row) : false;
    const result = decide(
      row,
      { type: "respond", response: response.response, text: response.text, changesConcerned },
      now,
      "text",
    );
    const cureVersion = response.response === "cure" ? row.latestVersion : null;
    await tx
      .update(challenges)
      .set({
        response: response.response,
        responseText: response.text,
        responseEvidence: response.evidence,
        respondedBy: rep.id,
        respondedAt: now,
        cureVersion,
      })
      .where(eq(challenges.id, row.id));
    if (response.response === "withdraw")
      await withdrawDeclaration(tx, row, rep.id, response.text, now);
    if (!result.transition) return;
    await applyChallengeTransition(tx, row, result.state, result.transition, {
      actorId: rep.id,
      now,
      details: {
        response: response.response,
        ...(cureVersion !== null ? { version: cureVersion } : {}),
      },
    });
  });
}

/**
 * Whether the declaration was published again since it was challenged, with different answers
 * to the clauses challenged (or, when the claim as a whole was, any different claim or answer).
 */
async function changesConcernedBy(tx: Transaction, row: ChallengeRow): Promise<boolean> {
  const before = row.declarationVersion;
  const after = row.latestVersion;
  if (!row.declarationId || before === null || after === null || after <= before) return false;
  const versions = await tx
    .select({ version: declarationVersions.version, body: declarationVersions.body })
    .from(declarationVersions)
    .where(
      and(
        eq(declarationVersions.declarationId, row.declarationId),
        inArray(declarationVersions.version, [before, after]),
      ),
    );
  const challenged = versions.find((version) => version.version === before)?.body;
  const latest = versions.find((version) => version.version === after)?.body;
  if (!challenged || !latest) return false;
  if (row.clauses.length === 0) {
    return canonicalJson(concerned(challenged, null)) !== canonicalJson(concerned(latest, null));
  }
  return row.clauses.some(
    (ref) => canonicalJson(concerned(challenged, ref)) !== canonicalJson(concerned(latest, ref)),
  );
}

/** What a challenge of one clause (or, with null, of the whole claim) is about in a version. */
function concerned(body: DeclarationBody, ref: string | null) {
  if (ref === null) return { claims: body.claims, answers: body.answers };
  return { answer: body.answers.find((answer) => answer.ref === ref) ?? null };
}

/** A withdrawal in response: the declaration leaves the registry as its own withdrawal would. */
async function withdrawDeclaration(
  tx: Transaction,
  row: ChallengeRow,
  actorId: string,
  note: string,
  now: Date,
): Promise<void> {
  if (!row.declarationId || row.declarationNumber === null) return;
  // Struck off or withdrawn already (by another challenge's outcome): its record is final.
  if (row.declarationState === "withdrawn" || row.declarationState === "struck_off") return;
  await tx
    .update(declarations)
    .set({
      state: "withdrawn",
      stateReason: "withdrawn",
      stateNote: note,
      stateChangedAt: now,
      updatedAt: now,
    })
    .where(eq(declarations.id, row.declarationId));
  await recordAudit(tx, {
    at: now,
    actorId,
    action: "registry.declaration_withdrawn",
    subjectType: "declaration",
    subjectId: declarationSubjectId(row.declarationNumber),
    details: { reason: note, challenge: row.number },
  });
}

/** The challenger takes the challenge back, with a reason, before the advisory group decides. */
export async function withdrawChallenge(
  db: Database,
  person: Participant,
  number: number,
  reason: string,
  now = new Date(),
): Promise<void> {
  const found = await readChallenge(db, number);
  if (found.filedBy !== person.id) {
    await recordRefusal(db, person.id, "registry.withdraw_challenge", "not_challenger");
    throw new DomainError("forbidden");
  }
  const words = parseShortReason(reason);
  await db.transaction(async (tx) => {
    const row = await lockChallenge(tx, number);
    const result = decide(row, { type: "withdraw", reason: words }, now);
    if (!result.transition) return;
    await applyChallengeTransition(tx, row, result.state, result.transition, {
      actorId: row.withholdName ? null : person.id,
      now,
      details: { reason: words, ...(row.withholdName ? { party: "withheld" } : {}) },
    });
  });
}
