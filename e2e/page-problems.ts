import type { Browser, BrowserContext, Response } from "@playwright/test";
import { invalidNesting, reportInvalidNestingInPage } from "./html-nesting";

/**
 * What a page reports going wrong while a test runs: console errors (React's hydration
 * warnings in development), uncaught errors (in a production build React reports a hydration
 * mismatch as "Minified React error #418" through window.reportError, which is no console
 * message but an uncaught error), requests that failed, server errors, and invalid nesting
 * (e2e/html-nesting.ts), which React reports in development only, in the HTML of every page and
 * in every page as it changes.
 */
export class PageProblems {
  private readonly seen: { line: string; failedLoadOf?: string }[] = [];
  private readonly allowed: RegExp[] = [];
  // Documents a test navigated to: their status is the test's to check (a 404 page on purpose),
  // so Chromium's "Failed to load resource" line about them is no news.
  private readonly documents = new Set<string>();
  // Pages' HTML still being read when the test ends.
  private readonly reading: Promise<void>[] = [];

  /** A problem this test provokes on purpose, matched against the recorded line. */
  allow(pattern: RegExp): void {
    this.allowed.push(pattern);
  }

  unexpected(): string[] {
    return this.seen
      .filter(({ failedLoadOf }) => !(failedLoadOf && this.documents.has(failedLoadOf)))
      .map(({ line }) => line)
      .filter((line) => !this.allowed.some((pattern) => pattern.test(line)));
  }

  /** Resolves once every page's HTML that arrived has been checked. */
  async settled(): Promise<void> {
    await Promise.all(this.reading);
  }

  private checkHtml(response: Response): void {
    const type = response.headers()["content-type"] ?? "";
    if (response.status() !== 200 || !type.startsWith("text/html")) return;
    this.reading.push(
      response.text().then(
        (html) => {
          for (const problem of invalidNesting(html)) {
            this.seen.push({ line: `invalid nesting: ${problem} in ${response.url()}` });
          }
        },
        // A page closed before its body was read: nothing to check.
        () => {},
      ),
    );
  }

  async watch(context: BrowserContext, javaScriptEnabled = true): Promise<void> {
    await context.addInitScript(reportInvalidNestingInPage);
    context.on("console", (message) => {
      if (message.type() !== "error") return;
      const url = message.location().url;
      this.seen.push({
        line: `console error: ${message.text()} (${url})`,
        failedLoadOf: message.text().startsWith("Failed to load resource") ? url : undefined,
      });
    });
    context.on("weberror", (error) => {
      this.seen.push({
        line: `uncaught error: ${error.error().message} (${error.page()?.url() ?? ""})`,
      });
    });
    context.on("response", (response) => {
      const request = response.request();
      if (request.isNavigationRequest() && request.resourceType() === "document") {
        this.documents.add(response.url());
        this.checkHtml(response);
      }
      if (response.status() >= 500) {
        this.seen.push({
          line: `server error: ${response.status()} ${request.method()} ${response.url()}`,
        });
      }
    });
    context.on("requestfailed", (request) => {
      const reason = request.failure()?.errorText ?? "";
      // Leaving a page cancels its prefetches and pending reads; that is not a failure.
      if (reason === "net::ERR_ABORTED") return;
      // With JavaScript off, Chromium refuses the page's scripts and says "csp".
      if (!javaScriptEnabled && reason === "csp" && request.resourceType() === "script") return;
      this.seen.push({ line: `request failed: ${request.method()} ${request.url()} ${reason}` });
    });
  }

  /**
   * Watches every context the test opens: the default one and those from browser.newContext,
   * which Playwright announces nowhere, hence the wrapper, removed again by the returned
   * function.
   */
  watchBrowser(browser: Browser): () => void {
    const newContext = browser.newContext;
    browser.newContext = async (...args: Parameters<Browser["newContext"]>) => {
      const context = await newContext.apply(browser, args);
      await this.watch(context, args[0]?.javaScriptEnabled !== false);
      return context;
    };
    return () => {
      browser.newContext = newContext;
    };
  }
}
