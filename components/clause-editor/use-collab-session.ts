"use client";

import { HocuspocusProvider } from "@hocuspocus/provider";
import { useEffect, useState } from "react";
import * as Y from "yjs";
import { type EditorStop, editorStop } from "./editor-stop";

export type Status = "connecting" | "connected" | "disconnected";
/** Why editing ended for good on this page: the server's word, shown as it is. */
export type Stop = EditorStop | { kind: "denied"; reason: string };

async function fetchToken(): Promise<string> {
  const response = await fetch("/api/collab/token", { cache: "no-store" });
  if (!response.ok) return "";
  return ((await response.json()) as { token: string }).token;
}

function collabUrl(publicUrl: string | null, port: number): string {
  if (publicUrl) return publicUrl;
  const protocol = window.location.protocol === "https:" ? "wss" : "ws";
  return `${protocol}://${window.location.hostname}:${port}`;
}

/**
 * One clause's (or section's) Yjs document, by name, and its connection to the collab server, with what the page shows
 * about it. When the server ends editing (the clause became read-only, or it refused an update,
 * or it refused the connection) the connection is dropped rather than retried, and `stop` says
 * why: retrying would be refused again, forever.
 */
export function useCollabSession(documentName: string, port: number, publicUrl: string | null) {
  const [session, setSession] = useState<{ document: Y.Doc; provider: HocuspocusProvider } | null>(
    null,
  );
  const [status, setStatus] = useState<Status>("connecting");
  const [unsynced, setUnsynced] = useState(0);
  const [synced, setSynced] = useState(false);
  const [stop, setStop] = useState<Stop | null>(null);

  useEffect(() => {
    const document = new Y.Doc();
    const provider = new HocuspocusProvider({
      url: collabUrl(publicUrl, port),
      name: documentName,
      document,
      token: fetchToken,
    });
    let stopped = false;
    const end = (why: Stop) => {
      if (stopped) return;
      stopped = true;
      setStop(why);
      // After the provider has finished with the message that told us.
      queueMicrotask(() => provider.disconnect());
    };
    provider.on("status", ({ status: next }: { status: Status }) => setStatus(next));
    provider.on("unsyncedChanges", ({ number }: { number: number }) => setUnsynced(number));
    provider.on("synced", ({ state }: { state: boolean }) => setSynced(state));
    provider.on("authenticationFailed", ({ reason }: { reason: string }) =>
      end({ kind: "denied", reason }),
    );
    // Reconnecting after the clause was retired gives a read-only connection.
    provider.on("authenticated", ({ scope }: { scope: string }) => {
      if (scope === "readonly") end({ kind: "read-only" });
    });
    provider.on("close", ({ event }: { event?: { reason?: string } }) => {
      const why = editorStop(event?.reason);
      if (why) end(why);
    });
    setSession({ document, provider });
    // Warn before leaving while edits have not reached the server yet (unless they never can).
    const warn = (event: BeforeUnloadEvent) => {
      if (provider.hasUnsyncedChanges && !stopped) event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => {
      window.removeEventListener("beforeunload", warn);
      provider.destroy();
      document.destroy();
    };
  }, [documentName, port, publicUrl]);

  return { session, status, unsynced, synced, stop };
}
