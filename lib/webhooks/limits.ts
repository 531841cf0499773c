/** Waits after each failed attempt: about a day in all, then the delivery is given up. */
export const RETRY_DELAYS_MS = [5, 300, 1_800, 7_200, 18_000, 36_000].map((s) => s * 1000);
/** Failed attempts in a row (whatever the delivery) after which an endpoint is turned off. */
export const DISABLE_AFTER_FAILURES = 10;
/** How long a receiver has to answer; a slow one is a failed attempt, never a slow page. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
