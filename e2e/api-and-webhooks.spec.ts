import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createPerson, expect, expectAccessible, signInAs, test } from "./fixtures";

test("the API's reference page documents every endpoint and its examples answer", async ({
  page,
  request,
}) => {
  await page.goto("/");
  await page.getByRole("link", { name: "API for programs" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Hum API" })).toBeVisible();
  await expectAccessible(page);
  const document = await (await request.get("/api/v1/openapi.json")).json();
  const operations = Object.values(
    document.paths as Record<string, Record<string, unknown>>,
  ).flatMap((item) => Object.values(item));
  await expect(page.locator("article[id]")).toHaveCount(operations.length);
  // The problem types the API answers with point at rows of this page.
  await expect(page.locator("#problem-unknown-parameter")).toContainText("400");
  const unknown = await request.get("/api/v1/standards?colour=red");
  expect(unknown.status()).toBe(400);
  const problem = await unknown.json();
  expect(problem.type).toMatch(/\/api#problem-unknown-parameter$/);
  // An example link answers JSON.
  const example = page.locator("article#listStandards").getByRole("link", { name: /\/api\/v1\// });
  const answer = await request.get((await example.getAttribute("href")) ?? "");
  expect(answer.status()).toBe(200);
  expect((await answer.json()).data.length).toBeGreaterThan(0);
});

test("the secretariat subscribes a receiver and its signed test event arrives", async ({
  page,
  db,
}) => {
  const received: { id: string; timestamp: string; signature: string; body: string }[] = [];
  const receiver = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({
        id: String(request.headers["webhook-id"]),
        timestamp: String(request.headers["webhook-timestamp"]),
        signature: String(request.headers["webhook-signature"]),
        body: Buffer.concat(chunks).toString("utf8"),
      });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  try {
    const secretary = await createPerson(db, { name: "Wren Webhook", isSecretariat: true });
    await signInAs(page, db, secretary);
    await page.goto("/secretariat");
    await page.getByRole("link", { name: "Webhooks and chat bridges" }).click();
    await page
      .getByRole("link", { name: /IoTmark/ })
      .first()
      .click();
    await expect(page.getByRole("heading", { level: 1, name: /Webhooks/ })).toBeVisible();
    await expectAccessible(page);

    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hum`;
    await page.getByLabel("URL").fill(url);
    await page.getByRole("button", { name: "Add endpoint" }).click();
    await expect(page.getByText(url)).toBeVisible();
    const secret = await page.getByLabel("Signing secret").inputValue();
    expect(secret).toMatch(/^whsec_/);
    await expectAccessible(page);

    await page.getByRole("button", { name: "Send test event" }).click();
    await expect.poll(() => received.length, { timeout: 30_000 }).toBeGreaterThan(0);
    const [delivery] = received;
    if (!delivery) throw new Error("no delivery");
    expect(JSON.parse(delivery.body).type).toBe("webhook.test");
    // Checked as a receiver would, with the published algorithm.
    const expected = createHmac("sha256", Buffer.from(secret.slice("whsec_".length), "base64"))
      .update(`${delivery.id}.${delivery.timestamp}.${delivery.body}`)
      .digest("base64");
    expect(delivery.signature.split(" ")).toContain(`v1,${expected}`);

    // The delivery log shows the attempt once the page is drawn again.
    await expect
      .poll(async () => {
        await page.reload();
        return page.getByRole("table").getByText("204").count();
      })
      .toBeGreaterThan(0);
    await expectAccessible(page);
  } finally {
    await new Promise((resolve) => receiver.close(resolve));
  }
});
