import "server-only";
import type { Extension } from "@hocuspocus/server";
import { collabName, documentAccess } from "@/lib/collab/access";
import { CollabRefusal, targetOf } from "@/lib/collab/document-name";
import { type CollabIdentity, caretColor } from "@/lib/collab/identity";
import { verifyCollabToken } from "@/lib/collab/token";
import type { Database } from "@/lib/db/client";

/** Who is on a connection: the person the token names, as everyone else will see them. */
export type CollabContext = { userId: string } & CollabIdentity;

/**
 * Lets a connection in only with a valid token from the web app, for a clause or section that
 * exists; one that may no longer change is opened read-only. The name and caret colour others see
 * come from here, not from what the client announces.
 */
export function createAuth(options: { db: Database; secret: string }): Extension {
  return {
    extensionName: "hum-auth",
    async onAuthenticate({ token, documentName, connectionConfig }): Promise<CollabContext> {
      const userId = verifyCollabToken(token, options.secret);
      if (!userId) throw new CollabRefusal("sign in again: the collab token is missing or expired");
      const target = targetOf(documentName);
      const access = await documentAccess(options.db, target);
      if (!access) throw new CollabRefusal(`no such ${target.kind}`);
      const name = await collabName(options.db, userId);
      if (!name) throw new CollabRefusal("sign in again: no such person");
      connectionConfig.readOnly = access.readOnly;
      return { userId, name, color: caretColor(userId) };
    },
  };
}
