import { eq } from "drizzle-orm";
import { users } from "@/lib/auth/schema";
import de from "@/messages/de.json" with { type: "json" };
import fr from "@/messages/fr.json" with { type: "json" };
import {
  expect,
  expectAccessible,
  expectFitsPhone,
  latestEmailTo,
  test,
  uniqueEmail,
} from "./fixtures";

// The words come from the catalogues, so this reads as the French and German readers see it.
test.describe("a French-speaking newcomer", () => {
  test.use({ locale: "fr-FR" });

  test("reads in French, signs in by a French email, switches to German, and the profile keeps it", async ({
    page,
    db,
  }) => {
    const address = uniqueEmail("francoise");
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await expect(page.getByRole("heading", { name: fr.home.title })).toBeVisible();

    await page.getByRole("link", { name: fr.site.nav.signIn, exact: true }).click();
    await expect(page.getByRole("heading", { name: fr.signIn.title })).toBeVisible();
    await page.getByLabel(fr.signIn.emailLabel).fill(address);
    await page.getByRole("button", { name: fr.signIn.sendLink }).click();
    await expect(page.getByRole("heading", { name: fr.signIn.checkTitle })).toBeVisible();

    const email = await latestEmailTo(db, address);
    expect(email.subject).toBe(fr.email.magicLink.subject);
    expect(email.text).toContain(fr.email.magicLink.intro);
    const link = email.text.match(/https?:\/\/\S+/)?.[0];
    expect(link).toBeTruthy();
    await page.goto(link ?? "");

    await expect(page.getByRole("heading", { name: fr.welcome.nameTitle })).toBeVisible();
    await expectAccessible(page);
    await page.getByLabel(fr.profile.name).fill("Françoise Aubry");
    await page.getByRole("button", { name: fr.profile.save }).click();
    await expect(
      page.getByText(fr.welcome.nameSaved.replace("{name}", "Françoise Aubry")),
    ).toBeVisible();

    // The switcher is a plain link in every page's footer.
    const switcher = page.getByRole("navigation", { name: fr.site.language.label });
    await expect(switcher.getByRole("link", { name: "Français" })).toHaveAttribute(
      "aria-current",
      "true",
    );
    await switcher.getByRole("link", { name: "Deutsch" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await expect(page.getByRole("heading", { name: de.welcome.title })).toBeVisible();
    await expect
      .poll(async () => {
        const [stored] = await db.select().from(users).where(eq(users.email, address));
        return stored?.language;
      })
      .toBe("de");

    // Another browser of hers (no language cookie, a French browser) follows her profile.
    const cookies = await page.context().cookies();
    await page.context().clearCookies();
    await page.context().addCookies(cookies.filter((cookie) => cookie.name !== "hum-locale"));
    await page.goto("/profile");
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await expect(page.getByRole("heading", { name: de.profile.title })).toBeVisible();
    await expect(page.getByRole("combobox", { name: de.profile.language })).toHaveValue("de");
    await expectAccessible(page);
    await expectFitsPhone(page);
  });
});

test("the public pages read well in French and German on a phone", async ({ page }) => {
  // Fourteen pages, each checked with axe: more than one test's usual time on a busy machine.
  test.setTimeout(120_000);
  for (const locale of ["fr", "de"] as const) {
    await page
      .context()
      .addCookies([
        { name: "hum-locale", value: locale, url: test.info().project.use.baseURL ?? "" },
      ]);
    for (const path of [
      "/",
      "/sign-in",
      "/standards/iotmark/draft",
      "/standards/iotmark/calls",
      "/groups",
      "/transparency",
      "/registry",
    ]) {
      await page.goto(path);
      await expect(page.locator("html"), path).toHaveAttribute("lang", locale);
      await expectFitsPhone(page);
      await expectAccessible(page);
    }
  }
});
