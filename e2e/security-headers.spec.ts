import type { Page } from "@playwright/test";
import { createPerson, expect, signInAs, test } from "./fixtures";

/** Every Content-Security-Policy refusal the browser reports while the page is used. */
function violationsOn(page: Page): string[] {
  const seen: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) seen.push(message.text());
  });
  return seen;
}

test("pages carry a nonce-based policy, refuse framing, and the editor still works under it", async ({
  page,
  db,
}) => {
  // Anonymous pages are documents without scripts (lib/http/front.ts); a personal page is
  // Next.js's, with its scripts.
  const violations = violationsOn(page);
  await signInAs(page, db, await createPerson(db, { name: "Cy Policy" }));
  const response = await page.request.get("/inbox");
  const headers = response.headers();
  const policy = headers["content-security-policy"] ?? "";
  expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).not.toContain("unsafe-eval");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  const nonce = policy.match(/'nonce-([^']+)'/)?.[1] ?? "";
  // Next.js puts the request's nonce on its scripts; another request gets another nonce.
  expect(await response.text()).toContain(`nonce="${nonce}"`);
  const again = (await page.request.get("/inbox")).headers()["content-security-policy"];
  expect(again).not.toContain(nonce);

  await page.goto("/standards/iotmark/draft/HW-1");
  // Connected through the websocket the policy allows, and hydrated (the editor is a client
  // component).
  await expect(page.getByRole("status").filter({ hasText: "All changes saved" })).toBeVisible({
    timeout: 15_000,
  });
  await page.goto("/profile");
  await page.goto("/standards/iotmark");
  expect(violations).toEqual([]);
});

test("an address with a control character is refused before any page or query", async ({
  page,
}) => {
  for (const path of ["/standards/%00", "/standards/iotmark/v/1.0.0/%00", "/groups/%1F"]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(400);
    expect(await response.text()).not.toContain("%00");
  }
});
