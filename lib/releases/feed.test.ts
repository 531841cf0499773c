import { describe, expect, it } from "vitest";
import { translate } from "@/lib/i18n";
import { releasesFeed } from "@/lib/releases/export";

const input = {
  siteUrl: "https://hum.example",
  slug: "iotmark",
  name: "IoTmark",
  releases: [
    { version: "1.1.0", notes: "", digest: "abc", publishedAt: new Date("2026-11-01T00:00:00Z") },
  ],
};

describe("releasesFeed", () => {
  it("words its own text in the reader's language and says which", () => {
    for (const locale of ["en", "fr", "de"] as const) {
      const t = translate("releases", locale);
      const feed = releasesFeed({ ...input, locale });
      expect(feed).toContain(`xml:lang="${locale}"`);
      expect(feed).toContain(`<title>${t("feedTitle", { name: "IoTmark" })}</title>`);
      expect(feed).toContain(`<summary>${t("feedEntry", { version: "1.1.0" })} (SHA-256 abc)`);
    }
  });

  it("is English when no language is given", () => {
    expect(releasesFeed(input)).toContain("<title>IoTmark: releases</title>");
  });
});
