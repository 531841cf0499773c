import "server-only";
import pg from "pg";

/**
 * A connection to PostgreSQL that LISTENs on `channel` and hands each notification to `hear`.
 * PostgreSQL delivers a notification only while the connection is up: when it drops, `unsure`
 * is called (what is announced meanwhile is unknown), the connection is made again a second
 * later (then less often while it keeps failing), and `unsure` is called once more when it
 * listens again, for what was announced before it did.
 */
export function listenToPostgres(
  url: string,
  channel: string,
  hear: (payload: string) => void,
  unsure: (reason: string) => void,
): { stop: () => Promise<void> } {
  if (!/^[a-z_]+$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  let delay = 1_000;
  let reconnecting = false;

  const connect = async () => {
    const current = new pg.Client({ connectionString: url, application_name: "hum-changes" });
    client = current;
    let dropped = false;
    const drop = (reason: string) => {
      if (dropped || stopped) return;
      dropped = true;
      current.removeAllListeners();
      current.on("error", () => {});
      void current.end().catch(() => {});
      unsure(reason);
      reconnecting = true;
      retry = setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30_000);
    };
    current.on("notification", (message) => {
      if (message.channel === channel) hear(message.payload ?? "");
    });
    current.on("error", (error) => drop(error.message));
    current.on("end", () => drop("the connection ended"));
    try {
      await current.connect();
      await current.query(`LISTEN ${channel}`);
      delay = 1_000;
      if (reconnecting) unsure("listening again");
      reconnecting = false;
    } catch (error) {
      drop(error instanceof Error ? error.message : String(error));
    }
  };
  void connect();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(retry);
      await client?.end().catch(() => {});
    },
  };
}
