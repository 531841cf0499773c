import type { WebSocket } from "@playwright/test";
import { requireParticipant } from "@/lib/community/authz";
import { loadViewer } from "@/lib/community/viewer";
import { createClause } from "@/lib/drafting/mutations";
import { createPerson, expect, openEditor, signInAs, test } from "./fixtures";

test("a clause retired while someone edits it: their editor says so, turns read-only and stops", async ({
  page,
  browser,
  db,
}) => {
  test.setTimeout(150_000);
  const ann = await createPerson(db, { name: "Ann Editor" });
  const bob = await createPerson(db, { name: "Bob Retirer" });
  const { ref } = await createClause(db, requireParticipant(await loadViewer(db, ann.id)), {
    standardSlug: "iotmark",
    title: "Logs stay on the device",
    moduleCode: "HW",
    level: "Bronze",
    strength: "MUST",
  });
  const path = `/standards/iotmark/draft/${ref}`;

  // Every connection Ann's page opens to the collab server.
  const sockets: WebSocket[] = [];
  page.on("websocket", (socket) => sockets.push(socket));
  await signInAs(page, db, ann);
  const body = await openEditor(page, path);
  await body.click();
  await page.keyboard.type("Kept before retirement.");
  await expect(page.getByRole("status").filter({ hasText: "All changes saved" })).toBeVisible();

  const bobPage = await (
    await browser.newContext({ baseURL: test.info().project.use.baseURL })
  ).newPage();
  await signInAs(bobPage, db, bob);
  await bobPage.goto(path);
  await bobPage.getByText("Retire this clause…").click();
  await bobPage.getByLabel("Why retire it?").fill("A duplicate of another clause.");
  await bobPage.getByRole("button", { name: `Retire ${ref}` }).click();
  await expect(bobPage.getByText("This clause is retired.")).toBeVisible();

  await expect(
    page.getByRole("status").filter({
      hasText: "This clause was retired; the editor is read-only now.",
    }),
  ).toBeVisible();
  await expect(body).toHaveAttribute("contenteditable", "false");
  await expect(body).toHaveAttribute("aria-readonly", "true");
  // It dropped its connection rather than reconnecting over and over.
  expect(sockets).toHaveLength(1);
  const [socket] = sockets;
  await expect.poll(() => socket?.isClosed()).toBe(true);
  await body.click();
  await page.keyboard.type("Typed after.");
  await expect(body).toHaveText("Kept before retirement.");
  expect(sockets).toHaveLength(1);

  // The page as it is now: the retired clause, with the text that was kept.
  await page.reload();
  await expect(page.getByText("This clause is retired.")).toBeVisible();
  await expect(page.getByText("Kept before retirement.")).toBeVisible();
  await bobPage.context().close();
});
