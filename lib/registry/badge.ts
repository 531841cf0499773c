import { createHash } from "node:crypto";
import { translate } from "@/lib/i18n";
import { defaultLocale, isLocale, type Locale } from "@/lib/locale";
import { type Claim, claimSummary, type DeclarationState } from "@/lib/registry/rules";
import type { ReleaseContent } from "@/lib/releases/content";

/*
 * The mark as an image. It says only what the registry says: the state comes in a colour of its
 * own AND in words (colour alone would fail readers who cannot tell the colours apart), and the
 * claimed levels are never drawn without it.
 */

export type BadgeState = Exclude<DeclarationState, "draft">;

/**
 * The badge's language is the embedding page's choice, in its address (`badge.svg?lang=fr`),
 * never the reader's Accept-Language: a badge sits on makers' and shops' pages and is kept by
 * its address by browsers, proxies and Hum's front (lib/http/front-registry.ts), so words that
 * followed the reader would reach the next one in the language of whoever asked first. Without
 * `lang` it is English. One address, one set of bytes, one ETag.
 */
export function badgeLocale(lang: string | null): Locale {
  return isLocale(lang) ? lang : defaultLocale;
}

/** White text on each of these passes WCAG AA (at least 4.5:1). */
export const badgeColours: Record<BadgeState, string> = {
  listed: "#1e7a34",
  pending_review: "#8a5300",
  lapsed: "#595959",
  withdrawn: "#2f4a7a",
  struck_off: "#b3261e",
};

export type BadgeInput = {
  /** The standard's name, as short as the standard has it. */
  standard: string;
  /** The claimed levels in words: "Silver for Software and Data". */
  claims: string;
  release: string;
  state: BadgeState;
  /**
   * A listed declaration with an open challenge, where the standard's charter shows that on the
   * badge (a challenge is not a finding, so by default it does not).
   */
  underChallenge?: boolean;
};

/** The colour of "under challenge"; white text on it passes WCAG AA. */
export const underChallengeColour = "#7a4b00";

const xml = (text: string) =>
  text.replace(
    /[<>&"']/g,
    (char) =>
      ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[char] ?? char,
  );

/** Roughly how wide 11px sans-serif text is; `textLength` then makes it exactly that wide. */
const textWidth = (text: string) => Math.ceil([...text].length * 6.6);
const PAD = 8;
const HEIGHT = 20;

export function badgeStateLabel(state: BadgeState, locale: Locale = defaultLocale): string {
  return translate("registry", locale)(`badge.states.${state}`);
}

/** The badge's SVG document in `locale`, a pure function of what the registry says. */
export function badgeSvg(input: BadgeInput, locale: Locale = defaultLocale): string {
  const t = translate("registry", locale);
  const challenged = input.underChallenge === true && input.state === "listed";
  const stateLabel = challenged
    ? translate("challenges", locale)("badge.underChallenge")
    : badgeStateLabel(input.state, locale);
  const middle = t("badge.middle", { claims: input.claims, version: input.release });
  const parts = [
    { text: input.standard, fill: "#30363d" },
    { text: middle, fill: "#4a5360" },
    { text: stateLabel, fill: challenged ? underChallengeColour : badgeColours[input.state] },
  ];
  let x = 0;
  const drawn = parts.map((part) => {
    const width = textWidth(part.text) + 2 * PAD;
    const shape = { ...part, x, width, textWidth: textWidth(part.text) };
    x += width;
    return shape;
  });
  const title = t("badge.title", { standard: input.standard, state: stateLabel });
  const desc = t("badge.desc", {
    standard: input.standard,
    claims: input.claims,
    version: input.release,
    state: stateLabel,
  });
  const rects = drawn
    .map(
      (part) =>
        `<rect x="${part.x}" width="${part.width}" height="${HEIGHT}" fill="${part.fill}"/>`,
    )
    .join("");
  const texts = drawn
    .map(
      (part) =>
        `<text x="${part.x + PAD}" y="14" textLength="${part.textWidth}" lengthAdjust="spacingAndGlyphs">${xml(part.text)}</text>`,
    )
    .join("");
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${x}" height="${HEIGHT}" viewBox="0 0 ${x} ${HEIGHT}" role="img" aria-labelledby="t d">`,
    `<title id="t">${xml(title)}</title><desc id="d">${xml(desc)}</desc>`,
    `<clipPath id="r"><rect width="${x}" height="${HEIGHT}" rx="3"/></clipPath>`,
    `<g clip-path="url(#r)">${rects}</g>`,
    `<g fill="#fff" font-family="DejaVu Sans,Verdana,Geneva,sans-serif" font-size="11">${texts}</g>`,
    "</svg>\n",
  ].join("");
}

/** A strong validator: the hash of the very bytes sent. */
export function badgeEtag(svg: string): string {
  return `"${createHash("sha256").update(svg, "utf8").digest("base64url")}"`;
}

/**
 * "Silver for Software and Data, Bronze for Hardware": the claims as the registry words them, in
 * `locale` (the badge's, or the page reader's).
 */
export function claimsText(
  content: Pick<ReleaseContent, "modules" | "levels">,
  claims: Claim[],
  locale: Locale,
): string {
  const t = translate("registry", locale);
  const list = new Intl.ListFormat(locale, { style: "long", type: "conjunction" });
  return claimSummary(content, claims)
    .map((group) => t("badge.claim", { level: group.level, modules: list.format(group.modules) }))
    .join(", ");
}
