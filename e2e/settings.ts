// Shared by playwright.config.ts and the specs' fixtures. The suite honours PORT and HOSTNAME
// like the other commands, with defaults that keep it clear of a running `npm run dev`.
export const e2eDataDir = ".data/e2e";
export const e2ePort = Number(process.env.PORT ?? 3100);
export const e2eHost = process.env.HOSTNAME ?? "127.0.0.1";
/** The inbound email webhook's signing secret (Svix form: whsec_ + base64 key). */
export const e2eInboundSecret = `whsec_${Buffer.from("e2e inbound webhook key").toString("base64")}`;
/** The collab spec's own server, which it stops and starts; prepared by the global setup. */
export const e2eCollabPort = e2ePort + 10;
export const e2eCollabDataDir = ".data/e2e-collab";
