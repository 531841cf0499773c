import { users } from "@/lib/auth/schema";
import { type Participant, requireParticipant } from "@/lib/community/authz";
import { loadViewer } from "@/lib/community/viewer";
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
