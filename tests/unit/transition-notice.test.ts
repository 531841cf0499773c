import { renderToStaticMarkup } from "react-dom/server";
import { createFormatter, createTranslator } from "use-intl/core";
import { describe, expect, it, vi } from "vitest";
import messages from "@/messages/en.json";

// The notice reads its words on the server; here they come straight from the catalogue.
vi.mock("next-intl/server", () => ({
  getTranslations: async (namespace: string) =>
    createTranslator({ locale: "en", messages, namespace: namespace as "registry" }),
  getFormatter: async () => createFormatter({ locale: "en", timeZone: "UTC" }),
}));
vi.mock("@/lib/registry/transition-queries", () => ({}));
vi.mock("@/lib/db/client", () => ({}));
const { TransitionNotice } = await import("@/components/registry/transition-notice");

const transition = {
  from: { id: "a", version: "1.0.0" },
  latest: { id: "b", version: "1.1.0" },
  standardSlug: "iotmark",
  publishedAt: new Date("2026-06-01T00:00:00Z"),
  transitionEndsAt: new Date("2026-11-28T00:00:00Z"),
  changes: {
    newlyRequired: [{ ref: "SW-3", title: "Signed firmware", reason: "added" as const }],
    changed: [{ ref: "SW-2", title: "Update period", fields: ["body" as const, "level" as const] }],
    noLongerRequired: [{ ref: "SW-9", title: "Old rule", reason: "retired" as const }],
  },
};

const render = async (now: Date, changes = transition.changes) =>
  renderToStaticMarkup(await TransitionNotice({ transition: { ...transition, changes }, now }));

describe("TransitionNotice", () => {
  it("says until when the listing holds and what the new release asks, clause by clause", async () => {
    const html = await render(new Date("2026-07-01T00:00:00Z"));
    expect(html).toContain(
      "Version 1.1.0 of the standard was published on June 1, 2026. This listing stays in force until November 28, 2026; to keep it, declare again against 1.1.0.",
    );
    expect(html).toContain(
      "What 1.1.0 requires of this product: 1 new clause, 1 changed, 1 no longer required.",
    );
    expect(html).toContain('href="/standards/iotmark/v/1.1.0/SW-3"');
    expect(html).toContain("(changed: text and level)");
    // A retired clause's last text is in the release the listing answers.
    expect(html).toContain('href="/standards/iotmark/v/1.0.0/SW-9"');
  });

  it("says when the transition has ended, and when nothing changes", async () => {
    const none = { newlyRequired: [], changed: [], noLongerRequired: [] };
    const html = await render(new Date("2026-12-01T00:00:00Z"), none);
    expect(html).toContain("The transition period ended on November 28, 2026");
    expect(html).toContain("requires nothing new or different");
  });
});
