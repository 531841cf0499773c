import "server-only";
import { and, count, eq, gt, lte, sql } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/mutations";
import { users } from "@/lib/auth/schema";
import {
  parseClauseRefs,
  parseEvidenceList,
  parseMisuseSubject,
  parseReason,
  refuseIf,
} from "@/lib/challenges/inputs";
import { filedNotice, reportedNotice } from "@/lib/challenges/notices";
import { representativesOf } from "@/lib/challenges/rows";
import {
  CHALLENGES_PER_DAY,
  type ChallengeCharter,
  type ChallengeKind,
  filedState,
} from "@/lib/challenges/rules";
import { challenges } from "@/lib/challenges/schema";
import type { Participant } from "@/lib/community/authz";
import { displayName } from "@/lib/community/rules";
import type { Database, Transaction } from "@/lib/db/client";
import { charterOf } from "@/lib/decisions/charter";
import { bodyOf } from "@/lib/decisions/transitions";
import { standards } from "@/lib/drafting/schema";
import { DomainError, type FieldErrors } from "@/lib/errors";
import { insertNotifications } from "@/lib/notifications/mutations";
import { challengePath, challengeSubjectId } from "@/lib/paths";
import type { Limit } from "@/lib/rate-limit/limits";
import { enforceRegistryLimit } from "@/lib/registry/organisations";
import { declarations, declarationVersions, organisations } from "@/lib/registry/schema";

/** What a person files against a listed declaration (see lib/challenges/inputs.ts). */
export type ChallengeInput = {
  declarationNumber: number;
  /** Clause references; empty: the claim as a whole. */
  clauses: string[];
  reason: string;
  evidence: string[];
  withholdName: boolean;
};

/** What a person reports about someone showing the mark without a listing. */
export type MisuseInput = {
  standardSlug: string;
  subjectName: string;
  seenAt: string;
  subjectUrl: string;
  reason: string;
  evidence: string[];
  withholdName: boolean;
};

/**
 * Bursts of filings are held back as every public write is, before the daily count (which is
 * the rule people are told about) would refuse them anyway.
 */
const FILING_RATE: Limit = { points: 10, windowSeconds: 60 * 60 };

/**
 * Files a challenge against a listed declaration: refused for drafts, lapsed, withdrawn or
 * struck-off listings, unknown clauses, a missing reason, and a sixth filing in 24 hours.
 */
export async function fileChallenge(
  db: Database,
  person: Participant,
  input: ChallengeInput,
  now = new Date(),
): Promise<{ number: number }> {
  const problems: FieldErrors = {};
  const reason = parseReason(input.reason, problems);
  const evidence = parseEvidenceList(input.evidence, problems);
  const typed = parseClauseRefs(input.clauses, problems);
  return db.transaction(async (tx) => {
    const [declaration] = await tx
      .select()
      .from(declarations)
      .where(eq(declarations.number, input.declarationNumber))
      .for("update");
    if (!declaration) throw new DomainError("not_found");
    if (declaration.state !== "listed") throw new DomainError("not_challengeable");
    const refs = await answeredRefs(tx, declaration.id, declaration.latestVersion, typed, problems);
    refuseIf(problems);
    await holdDailyLimit(tx, person.id, now);
    const charter = challengeCharter(await charterOf(tx, declaration.standardId));
    const [organisation] = await tx
      .select({ name: organisations.name })
      .from(organisations)
      .where(eq(organisations.id, declaration.organisationId));
    const state = filedState("challenge", now, charter);
    const number = await insertChallenge(tx, {
      kind: "challenge",
      standardId: declaration.standardId,
      declarationId: declaration.id,
      declarationVersion: declaration.latestVersion,
      clauses: refs,
      reason,
      evidence,
      filedBy: person.id,
      withholdName: input.withholdName === true,
      organisations: organisation ? [organisation.name] : [],
      charter,
      phase: state.phase,
      filedAt: now,
      responseDeadline: state.responseDeadline,
      agDeadline: state.agDeadline,
    });
    await tx
      .update(declarations)
      .set({ openChallenges: sql`${declarations.openChallenges} + 1` })
      .where(eq(declarations.id, declaration.id));
    const withheld = input.withholdName === true;
    await recordAudit(tx, {
      at: now,
      actorId: withheld ? null : person.id,
      action: "registry.challenge_filed",
      subjectType: "challenge",
      subjectId: challengeSubjectId(number),
      // The reason and evidence are read from the challenge itself when shown.
      details: {
        product: declaration.productName,
        ...(refs.length ? { clauses: refs.join(", ") } : {}),
        ...(withheld ? { party: "withheld" } : {}),
      },
    });
    const recipients = await representativesOf(tx, declaration.organisationId, now);
    await insertNotifications(
      tx,
      recipients
        .filter((userId) => userId !== person.id)
        .map((userId) => ({ userId, watchId: null, kind: "challenge_filed" as const })),
      {
        actorId: withheld ? null : person.id,
        path: challengePath(number),
        at: now,
        message: filedNotice(
          { kind: "challenge", number, title: declaration.productName ?? "" },
          {
            challenger: withheld ? null : await nameOf(tx, person.id),
            clauses: refs,
            responseDeadline: state.responseDeadline ?? now,
          },
        ),
      },
    );
    return { number };
  });
}

/** Files a misuse report; it goes to the advisory group at once. */
export async function fileMisuseReport(
  db: Database,
  person: Participant,
  input: MisuseInput,
  now = new Date(),
): Promise<{ number: number }> {
  const problems: FieldErrors = {};
  const subject = parseMisuseSubject(input, problems);
  const reason = parseReason(input.reason, problems);
  const evidence = parseEvidenceList(input.evidence, problems);
  return db.transaction(async (tx) => {
    const [standard] = await tx
      .select({ id: standards.id })
      .from(standards)
      .where(eq(standards.slug, input.standardSlug));
    if (!standard) throw new DomainError("not_found");
    refuseIf(problems);
    await holdDailyLimit(tx, person.id, now);
    const charter = challengeCharter(await charterOf(tx, standard.id));
    const state = filedState("misuse_report", now, charter);
    const withheld = input.withholdName === true;
    const number = await insertChallenge(tx, {
      kind: "misuse_report",
      standardId: standard.id,
      ...subject,
      reason,
      evidence,
      filedBy: person.id,
      withholdName: withheld,
      organisations: [subject.subjectName],
      charter,
      phase: state.phase,
      filedAt: now,
      responseDeadline: state.responseDeadline,
      agDeadline: state.agDeadline,
    });
    await recordAudit(tx, {
      at: now,
      actorId: withheld ? null : person.id,
      action: "registry.misuse_reported",
      subjectType: "challenge",
      subjectId: challengeSubjectId(number),
      details: { name: subject.subjectName, ...(withheld ? { party: "withheld" } : {}) },
    });
    const group = await bodyOf(tx, "advisory_group", now);
    await insertNotifications(
      tx,
      group.memberIds.map((userId) => ({ userId, watchId: null, kind: "challenge_escalated" })),
      {
        actorId: null,
        path: challengePath(number),
        at: now,
        message: reportedNotice(
          { kind: "misuse_report", number, title: subject.subjectName },
          state.agDeadline ?? now,
        ),
      },
    );
    return { number };
  });
}

/** The charter's numbers a challenge runs on, copied so later changes do not apply to it. */
function challengeCharter(charter: ChallengeCharter): ChallengeCharter {
  return {
    challengeResponseDays: charter.challengeResponseDays,
    agDeadlineDays: charter.agDeadlineDays,
    appealWindowDays: charter.appealWindowDays,
    relistingBanDays: charter.relistingBanDays,
  };
}

/**
 * The clauses challenged, as the latest published version names them (whatever the letter case
 * typed); a reference it does not answer is refused.
 */
async function answeredRefs(
  tx: Transaction,
  declarationId: string,
  version: number,
  typed: string[],
  problems: FieldErrors,
): Promise<string[]> {
  if (typed.length === 0) return [];
  const [latest] = await tx
    .select({ body: declarationVersions.body })
    .from(declarationVersions)
    .where(
      and(
        eq(declarationVersions.declarationId, declarationId),
        eq(declarationVersions.version, version),
      ),
    );
  const answered = new Map(
    (latest?.body.answers ?? []).map((answer) => [answer.ref.toUpperCase(), answer.ref]),
  );
  const refs = typed.map((ref) => answered.get(ref.toUpperCase()));
  if (refs.some((ref) => ref === undefined)) problems.clauses = "unknown_clause";
  return [...new Set(refs.filter((ref) => ref !== undefined))];
}

/**
 * At most CHALLENGES_PER_DAY filings (challenges and misuse reports) per person in 24 hours,
 * counted in the database under a lock on the person, so two filings at once cannot both pass.
 */
async function holdDailyLimit(tx: Transaction, personId: string, now: Date): Promise<void> {
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`challenge_filings:${personId}`}, 0))`,
  );
  const since = new Date(now.getTime() - 24 * 60 * 60 * 1000);
  const [filed] = await tx
    .select({ n: count() })
    .from(challenges)
    .where(
      and(
        eq(challenges.filedBy, personId),
        gt(challenges.filedAt, since),
        lte(challenges.filedAt, now),
      ),
    );
  if ((filed?.n ?? 0) >= CHALLENGES_PER_DAY) throw new DomainError("challenge_limit");
  await enforceRegistryLimit(tx, "challenge_filing", FILING_RATE, personId, now);
}

async function insertChallenge(
  tx: Transaction,
  values: typeof challenges.$inferInsert & { kind: ChallengeKind },
): Promise<number> {
  const [row] = await tx.insert(challenges).values(values).returning({ number: challenges.number });
  if (!row) throw new Error("challenge insert returned nothing");
  return row.number;
}

async function nameOf(tx: Transaction, userId: string): Promise<string> {
  const [row] = await tx.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return displayName({ id: userId, name: row?.name ?? null });
}
