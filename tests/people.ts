import { users } from "@/lib/auth/schema";
import {
  type Participant,
  requireParticipant,
  requireSecretariat,
  type Secretariat,
} from "@/lib/community/authz";
import { loadViewer, type Viewer } from "@/lib/community/viewer";
import type { Database } from "@/lib/db/client";

let counter = 0;

/** A signed-up person, as Auth.js would have created them, signed in. */
export async function createPerson(
  db: Database,
  options: { name?: string; isSecretariat?: boolean } = {},
): Promise<Participant & { email: string }> {
  counter += 1;
  const email = `person${counter}-${Date.now()}@example.org`;
  const [row] = await db
    .insert(users)
    .values({
      name: options.name ?? `Person ${counter}`,
      email,
      isSecretariat: options.isSecretariat ?? false,
    })
    .returning({ id: users.id });
  if (!row) throw new Error("insert failed");
  const viewer = await loadViewer(db, row.id);
  if (!viewer) throw new Error("viewer missing");
  return { ...requireParticipant(viewer), email };
}

/**
 * What a server action does first, as a promise: the participant, or the refusal an anonymous
 * caller gets, for chaining into a mutation.
 */
export async function signedIn(viewer: Viewer | null): Promise<Participant> {
  return requireParticipant(viewer);
}

/** A member of the secretariat, signed in, with the proof the secretariat's mutations take. */
export async function createSecretary(
  db: Database,
  options: { name?: string } = {},
): Promise<Secretariat & { email: string }> {
  const person = await createPerson(db, { ...options, isSecretariat: true });
  // Never refused (the flag is set above), so nothing is recorded under this name.
  const secretary = await requireSecretariat(db, person, "tests.create_secretary");
  return { ...secretary, email: person.email };
}
