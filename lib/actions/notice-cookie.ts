/**
 * The cookie that carries an action's notice to the page rendered after it (lib/actions/notice.ts
 * says how). Named here, apart from the catalogue, for proxy.ts and the browser, which only drop
 * it.
 */
export const NOTICE_COOKIE = "hum-notice";

/**
 * The request header in which proxy.ts hands the page a redirect's notice, having taken it out
 * of the browser (a cookie it deletes is deleted for the page too).
 */
export const NOTICE_HEADER = "x-hum-notice";

/** Seconds a redirecting action's notice waits for the page it redirects to. */
export const NOTICE_REDIRECT_SECONDS = 60;
