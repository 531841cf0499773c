import { describe, expect, it } from "vitest";
import { translate } from "@/lib/i18n";
import {
  type BadgeState,
  badgeColours,
  badgeEtag,
  badgeLocale,
  badgeSvg,
  claimsText,
} from "@/lib/registry/badge";

const input = {
  standard: "IoTmark",
  claims: "Silver for Software and Data",
  release: "1.1.0",
  state: "listed" as BadgeState,
};

const words: Record<BadgeState, string> = {
  listed: "Listed",
  pending_review: "Review pending",
  lapsed: "Lapsed",
  withdrawn: "Withdrawn",
  struck_off: "Struck off",
};

describe("the badge", () => {
  it("says each state in words and in a colour of its own", () => {
    const colours = new Set<string>();
    for (const state of Object.keys(words) as BadgeState[]) {
      const svg = badgeSvg({ ...input, state });
      expect(svg).toContain(`>${words[state]}</text>`);
      expect(svg).toContain(`fill="${badgeColours[state]}"`);
      colours.add(badgeColours[state]);
      // The other states' words never appear.
      for (const other of Object.keys(words) as BadgeState[]) {
        if (other !== state && !words[state].includes(words[other])) {
          expect(svg).not.toContain(`>${words[other]}<`);
        }
      }
    }
    expect(colours.size).toBe(5);
  });

  it("names the standard, the claimed levels and the release", () => {
    const svg = badgeSvg(input);
    expect(svg).toContain(">IoTmark</text>");
    expect(svg).toContain(">Silver for Software and Data · 1.1.0</text>");
  });

  it("is an accessible image with a title and a description, and scales by its viewBox", () => {
    const svg = badgeSvg({ ...input, state: "lapsed" });
    expect(svg).toMatch(/^<svg [^>]*role="img"/);
    expect(svg).toMatch(/viewBox="0 0 \d+ 20"/);
    expect(svg).toContain('aria-labelledby="t d"');
    expect(svg).toContain('<title id="t">IoTmark: Lapsed</title>');
    expect(svg).toMatch(
      /<desc id="d">IoTmark self-declaration: Silver for Software and Data, release 1\.1\.0\. State in the registry: Lapsed\.<\/desc>/,
    );
    const width = Number(svg.match(/width="(\d+)"/)?.[1]);
    expect(svg).toContain(`viewBox="0 0 ${width} 20"`);
  });

  it("speaks the language its address asks for, and English otherwise", () => {
    const french = badgeSvg({ ...input, state: "lapsed" }, "fr");
    const t = translate("registry", "fr");
    expect(french).toContain(`>${t("badge.states.lapsed")}</text>`);
    expect(french).toContain(
      `<title id="t">${t("badge.title", { standard: "IoTmark", state: t("badge.states.lapsed") })}</title>`,
    );
    expect(badgeLocale("de")).toBe("de");
    for (const asked of [null, "", "es", "fr-FR", "../x"]) expect(badgeLocale(asked)).toBe("en");
  });

  it("escapes the text it draws", () => {
    const svg = badgeSvg({
      ...input,
      standard: `<script>alert("x")</script> & 'co'`,
      claims: "Gold for <b>",
    });
    expect(svg).not.toContain("<script>");
    expect(svg).not.toContain("<b>");
    expect(svg).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;co&apos;");
    expect(svg).toContain("Gold for &lt;b&gt;");
  });

  it("is the same bytes, with the same strong ETag, for the same facts", () => {
    expect(badgeSvg(input)).toBe(badgeSvg({ ...input }));
    expect(badgeEtag(badgeSvg(input))).toBe(badgeEtag(badgeSvg(input)));
    expect(badgeEtag(badgeSvg(input))).not.toBe(badgeEtag(badgeSvg({ ...input, state: "lapsed" })));
    expect(badgeEtag(badgeSvg(input))).toMatch(/^"[\w-]+"$/);
  });

  it("words claims grouped by level, highest first", () => {
    const content = {
      modules: [
        { code: "HW", name: "Hardware", summary: "" },
        { code: "SW", name: "Software", summary: "" },
        { code: "DATA", name: "Data", summary: "" },
      ],
      levels: [
        { name: "Bronze", summary: "" },
        { name: "Silver", summary: "" },
      ],
    };
    expect(
      claimsText(
        content,
        [
          { module: "DATA", level: "Silver" },
          { module: "HW", level: "Bronze" },
          { module: "SW", level: "Silver" },
        ],
        "en",
      ),
    ).toBe("Silver for Software and Data, Bronze for Hardware");
  });
});
