import "server-only";
import { asc, like } from "drizzle-orm";
import { users } from "@/lib/auth/schema";
import type { Database } from "@/lib/db/client";
import { DEMO_EMAIL_DOMAIN } from "@/lib/demo/seed";

export async function listDemoAccounts(db: Database) {
  return db
    .select({ id: users.id, name: users.name, affiliation: users.affiliation })
    .from(users)
    .where(like(users.email, `%@${DEMO_EMAIL_DOMAIN}`))
    .orderBy(asc(users.createdAt), asc(users.name));
}
