import "server-only";
import { eq } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/mutations";
import type { Database } from "@/lib/db/client";
import { DomainError, type FieldErrors } from "@/lib/errors";
import { declarationSubjectId } from "@/lib/paths";
import type { Representative } from "@/lib/registry/authz";
import {
  parseAnswers,
  parseProduct,
  refuseIf,
  type SaveInput,
  type StartInput,
} from "@/lib/registry/declaration-input";
import { lockDeclaration, standardBySlug, usableRelease } from "@/lib/registry/declaration-rows";
import { type Answer, claimProblems, type DeclarationBody } from "@/lib/registry/rules";
import { declarations } from "@/lib/registry/schema";
import { plainText } from "@/lib/validation";

/*
 * Drafting a declaration: starting it, saving its working copy, and withdrawing it. Drafts are
 * private to the organisation's representatives, so only withdrawal is on the public record;
 * publishing is in publish.ts.
 */

/** Starts a private draft for one product against a published, current release. */
export async function startDeclaration(
  db: Database,
  rep: Representative,
  input: StartInput,
  now = new Date(),
): Promise<{ number: number }> {
  const problems: FieldErrors = {};
  const product = parseProduct(input.product, problems);
  refuseIf(problems);
  return db.transaction(async (tx) => {
    const standard = await standardBySlug(tx, input.standard);
    const release = await usableRelease(tx, standard.id, input.release);
    const working: DeclarationBody = {
      standard: standard.slug,
      release: { version: release.version, digest: release.digest },
      product,
      claims: [],
      answers: [],
    };
    const [row] = await tx
      .insert(declarations)
      .values({
        organisationId: rep.organisationId,
        standardId: standard.id,
        state: "draft",
        stateChangedAt: now,
        working,
        createdBy: rep.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ number: declarations.number });
    if (!row) throw new Error("declaration insert returned nothing");
    return { number: row.number };
  });
}

/**
 * Saves the working copy: product, release, claims and answers. Each problem is refused next
 * to its field and nothing is saved. Answers to clauses the form did not show are kept, except
 * those whose clause the chosen release no longer has; completeness waits for publication.
 */
export async function saveDeclaration(
  db: Database,
  rep: Representative,
  number: number,
  input: SaveInput,
  now = new Date(),
): Promise<void> {
  const problems: FieldErrors = {};
  const product = parseProduct(input.product, problems);
  const answers = parseAnswers(input.answers, problems);
  await db.transaction(async (tx) => {
    const row = await lockDeclaration(tx, rep, number);
    const release = await usableRelease(tx, row.standardId, input.release).catch((error) => {
      if (!(error instanceof DomainError)) throw error;
      Object.assign(problems, error.fieldErrors);
      return null;
    });
    if (release) Object.assign(problems, claimProblems(release.content, input.claims));
    refuseIf(problems);
    if (!release) return;
    const refs = new Set(release.content.clauses.map((clause) => clause.ref));
    const given = new Map(answers.map((answer) => [answer.ref, answer]));
    const kept: Answer[] = row.working.answers.filter(
      (answer) => refs.has(answer.ref) && !given.has(answer.ref),
    );
    for (const answer of answers) {
      if (!refs.has(answer.ref) || answer.answer === "") continue;
      kept.push({ ...answer, answer: answer.answer });
    }
    const working: DeclarationBody = {
      standard: row.working.standard,
      release: { version: release.version, digest: release.digest },
      product,
      claims: input.claims,
      answers: kept,
    };
    await tx
      .update(declarations)
      .set({ working, updatedAt: now })
      .where(eq(declarations.id, row.id));
  });
}

const withdrawalNote = plainText(2000, { required: true });

/**
 * Withdraws a declaration from the registry for good, with the representative's public note.
 * A draft never published has nothing public to withdraw.
 */
export async function withdrawDeclaration(
  db: Database,
  rep: Representative,
  number: number,
  note: string,
  now = new Date(),
): Promise<void> {
  const parsed = withdrawalNote.safeParse(note);
  if (!parsed.success) {
    const code = parsed.error.issues[0]?.message;
    throw new DomainError("invalid_input", {
      note: code === "too_long" || code === "plain_text_only" ? code : "required",
    });
  }
  await db.transaction(async (tx) => {
    const row = await lockDeclaration(tx, rep, number);
    if (row.latestVersion === 0) throw new DomainError("conflict");
    // A challenged listing may be withdrawn only as the response to its challenge, which
    // records it on the challenge too (lib/challenges keeps this count).
    if (row.openChallenges > 0) throw new DomainError("under_challenge");
    await tx
      .update(declarations)
      .set({
        state: "withdrawn",
        stateReason: "withdrawn",
        stateNote: parsed.data,
        stateChangedAt: now,
        updatedAt: now,
      })
      .where(eq(declarations.id, row.id));
    await recordAudit(tx, {
      at: now,
      actorId: rep.id,
      action: "registry.declaration_withdrawn",
      subjectType: "declaration",
      subjectId: declarationSubjectId(number),
      details: { reason: parsed.data },
    });
  });
}
