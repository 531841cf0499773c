// Shared by playwright.config.ts and the specs' fixtures. The suite honours PORT and HOSTNAME
// like the other commands, with defaults that keep it clear of a running `npm run dev`.
export const e2eDataDir = ".data/e2e";
export const e2ePort = Number(process.env.PORT ?? 3100);
export const e2eHost = process.env.HOSTNAME ?? "127.0.0.1";
