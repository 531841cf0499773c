/**
 * Every public URL Hum builds, in one place: links, redirects, audit subjects and emails all come
 * from here, so a route that moves moves once.
 *
 * Slugs, clause references, versions and tokens are checked against their shapes before they are
 * stored (lib/validation.ts), and those shapes need no escaping; they are escaped here all the
 * same, so that a value that slipped past a check still names one segment and nothing more.
 */

const segment = encodeURIComponent;

/** The anchor of a discussion thread on the page that shows it. */
export function threadAnchor(threadId: string): string {
  return `thread-${threadId}`;
}

/** The standard's latest release: the address people share when they mean "the standard". */
export function standardPath(slug: string): string {
  return `/standards/${segment(slug)}`;
}

/** Where the secretariat creates a standard from Markdown. */
export function importStandardPath(): string {
  return "/standards/import";
}

/** The working draft, one module at a time, optionally narrowed to what a level requires. */
export function draftPath(slug: string, filter: { module?: string; level?: string } = {}): string {
  const base = `${standardPath(slug)}/draft`;
  const search = new URLSearchParams();
  if (filter.module) search.set("module", filter.module);
  if (filter.level) search.set("level", filter.level);
  return search.size ? `${base}?${search}` : base;
}

/** The whole working draft as one Markdown document. */
export function draftMarkdownPath(slug: string): string {
  return `${standardPath(slug)}/draft.md`;
}

/** One clause of the working draft, with its discussion. */
export function draftClausePath(slug: string, ref: string): string {
  return `${standardPath(slug)}/draft/${segment(ref)}`;
}

/** One prose section of the working draft, with its live editor. */
export function draftSectionPath(slug: string, sectionSlug: string): string {
  return `${standardPath(slug)}/draft/sections/${segment(sectionSlug)}`;
}

/** Every revision of a draft section. */
export function draftSectionHistoryPath(slug: string, sectionSlug: string): string {
  return `${draftSectionPath(slug, sectionSlug)}/history`;
}

/** A thread on a draft clause's page. */
export function draftThreadPath(slug: string, ref: string, threadId: string): string {
  return `${draftClausePath(slug, ref)}#${threadAnchor(threadId)}`;
}

/** How a page shows changes (`?view=`); the automatic view needs no parameter. */
export type ChangesView = "auto" | "side" | "inline";

function withQuery(base: string, query: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== "auto") search.set(name, String(value));
  }
  return search.size ? `${base}?${search}` : base;
}

/**
 * Every revision of a draft clause, optionally comparing two of them (`from`, `to`) in a view;
 * the comparison is the page's `changes` section.
 */
export function clauseHistoryPath(
  slug: string,
  ref: string,
  compare: { from?: number; to?: number; view?: ChangesView } = {},
): string {
  const path = withQuery(`${draftClausePath(slug, ref)}/history`, compare);
  return compare.from !== undefined || compare.to !== undefined ? `${path}#changes` : path;
}

/** Every objection raised on a standard. */
export function objectionsPath(slug: string): string {
  return `${standardPath(slug)}/objections`;
}

/** A standard's calls for consensus and its charter. */
export function callsPath(slug: string): string {
  return `${standardPath(slug)}/calls`;
}

/** The form that opens a call, optionally about one clause. */
export function newCallPath(slug: string, clauseRef?: string): string {
  const base = `${callsPath(slug)}/new`;
  return clauseRef ? `${base}?clause=${segment(clauseRef)}` : base;
}

/**
 * The form that opens a last call on many changes at once; `pick` ("section:scope", "clause:SW-4")
 * arrives already checked.
 */
export function newLastCallPath(slug: string, pick?: string): string {
  const base = `${callsPath(slug)}/new/last`;
  return pick ? `${base}?pick=${encodeURIComponent(pick)}` : base;
}

/** How a call is named in the audit log and linked: numbers are per standard. */
export function callSubjectId(slug: string, number: number): string {
  return `${slug}/${number}`;
}

export function callPath(slug: string, number: number, view?: ChangesView): string {
  return withQuery(`${callsPath(slug)}/${number}`, { view });
}

/** A thread (an objection) on a call's page. */
export function callThreadPath(slug: string, number: number, threadId: string): string {
  return `${callPath(slug, number)}#${threadAnchor(threadId)}`;
}

/** A standard's periodic reviews of its mark. */
export function reviewsPath(slug: string): string {
  return `${standardPath(slug)}/reviews`;
}

/** One review; numbers are per standard. */
export function reviewPath(slug: string, number: number): string {
  return `${reviewsPath(slug)}/${number}`;
}

/** How a review is named in the audit log: "iotmark/2", as a call is. */
export function reviewSubjectId(slug: string, number: number): string {
  return `${slug}/${number}`;
}

/** A thread of a review's own discussion, on the review's page. */
export function reviewThreadPath(slug: string, number: number, threadId: string): string {
  return `${reviewPath(slug, number)}#${threadAnchor(threadId)}`;
}

/** Where the secretariat opens reviews. */
export function secretariatReviewsPath(): string {
  return "/secretariat/reviews";
}

/** Every release of a standard, and the form that prepares the next. */
export function releasesPath(slug: string): string {
  return `${standardPath(slug)}/releases`;
}

/** How a release is named in the audit log (the transparency page links it back). */
export function releaseSubjectId(slug: string, version: string): string {
  return `${slug}/${version}`;
}

/**
 * One published release, optionally showing only what a level requires. The level is escaped as
 * lib/http/front.ts files a kept page under it, so a link and its kept copy share one address.
 */
export function releasePath(slug: string, version: string, level?: string): string {
  const base = `${standardPath(slug)}/v/${segment(version)}`;
  return level ? `${base}?level=${encodeURIComponent(level)}` : base;
}

/** One clause of one release: the address to cite. */
export function releaseClausePath(slug: string, version: string, ref: string): string {
  return `${releasePath(slug, version)}/${segment(ref)}`;
}

/** The frameworks a standard lists, which its clauses map to. */
export function frameworksPath(slug: string): string {
  return `${standardPath(slug)}/frameworks`;
}

/**
 * One release narrowed to the clauses that map to a framework, optionally to one of its
 * provisions: "which clauses map to ETSI 5.3?".
 */
export function releaseMappingPath(
  slug: string,
  version: string,
  filter: { framework: string; provision?: string },
): string {
  return withQuery(releasePath(slug, version), {
    framework: filter.framework,
    provision: filter.provision || undefined,
  });
}

/** A release's clauses by the provisions of other frameworks they map to. */
export function crosswalkPath(slug: string, version: string): string {
  return `${releasePath(slug, version)}/crosswalk`;
}

/** One framework's crosswalk as a CSV file. */
export function crosswalkCsvPath(slug: string, version: string, framework: string): string {
  return `${crosswalkPath(slug, version)}/${segment(framework)}.csv`;
}

/** A community translation of a release into one language (published, or in progress). */
export function translationPath(slug: string, version: string, locale: string): string {
  return `${releasePath(slug, version)}/translations/${segment(locale)}`;
}

/** One clause of a translation, with its original on demand. */
export function translationClausePath(
  slug: string,
  version: string,
  locale: string,
  ref: string,
): string {
  return `${translationPath(slug, version, locale)}/${segment(ref)}`;
}

/** Where a translation is written, clause by clause, beside the original. */
export function translationEditPath(slug: string, version: string, locale: string): string {
  return `${translationPath(slug, version, locale)}/edit`;
}

/** A published translation as a file (next.config.ts rewrites these to its export route). */
export function translationExportPath(
  slug: string,
  version: string,
  locale: string,
  format: "md" | "json",
): string {
  return `${translationPath(slug, version, locale)}.${format}`;
}

/** A release as a file (next.config.ts rewrites these to the export route). */
export function releaseExportPath(slug: string, version: string, format: "md" | "json"): string {
  return `${releasePath(slug, version)}.${format}`;
}

/**
 * What changed from one release to another (next.config.ts rewrites it to the comparison),
 * optionally in a view (lib/http/front.ts keeps each view apart) and at one clause (its anchor
 * is its reference).
 */
export function comparisonPath(
  slug: string,
  from: string,
  to: string,
  at: { view?: ChangesView; ref?: string } = {},
): string {
  const path = withQuery(`${standardPath(slug)}/compare/${segment(from)}...${segment(to)}`, {
    view: at.view,
  });
  return at.ref ? `${path}#${segment(at.ref)}` : path;
}

/** The Atom feed of a standard's releases. */
export function releaseFeedPath(slug: string): string {
  return `${standardPath(slug)}/feed.xml`;
}

/** The advisory group's and steering committee's queues of escalated calls. */
export function decisionsPath(): string {
  return "/decisions";
}

/** The calls waiting for the signed-in person. */
export function waitingDecisionsPath(): string {
  return `${decisionsPath()}/waiting`;
}

export function groupsPath(): string {
  return "/groups";
}

/** A group's members and declarations; `groupSlug` is the group's address name. */
export function groupPath(groupSlug: string): string {
  return `${groupsPath()}/${segment(groupSlug)}`;
}

export function profilePath(): string {
  return "/profile";
}

export function inboxPath(): string {
  return "/inbox";
}

/** The inbox's email settings: where an email with no watch to end lets its reader stop mail. */
export function emailSettingsPath(): string {
  return `${inboxPath()}#email`;
}

/** One watch's unsubscribe page; opening it changes nothing. */
export function unsubscribePath(token: string): string {
  return `/unsubscribe/${segment(token)}`;
}

/** The RFC 8058 one-click unsubscribe address of the same watch. */
export function oneClickUnsubscribePath(token: string): string {
  return `${unsubscribePath(token)}/one-click`;
}

export function secretariatPath(): string {
  return "/secretariat";
}

/** The public record, optionally filtered and paged (`before` is the id to continue below). */
/** The API's reference page; `#anchor` for one endpoint or problem. */
export function apiReferencePath(anchor?: string): string {
  return anchor ? `/api#${anchor}` : "/api";
}

export function transparencyPath(
  filter: { action?: string; subjectType?: string; before?: number } = {},
): string {
  const params = new URLSearchParams();
  if (filter.action) params.set("action", filter.action);
  if (filter.subjectType) params.set("subjectType", filter.subjectType);
  if (filter.before) params.set("before", String(filter.before));
  const text = params.toString();
  return text ? `/transparency?${text}` : "/transparency";
}

/** The query parameter that carries where a person was going when they were asked to sign in. */
export const RETURN_PARAM = "next";

const RETURN_BASE = "http://return.invalid";
const MAX_RETURN_LENGTH = 2000;

/**
 * A path on this site to send someone back to, or undefined when `value` is not one: never an
 * address elsewhere. It must start with exactly one "/" ("//host" is another site), and may hold
 * no backslash and no control character (browsers read "/\host" as "//host" and drop tabs and
 * line breaks, which would turn "/\t/host" into "//host"). The result keeps the path and query,
 * nothing more.
 */
export function safeLocalPath(value: unknown): string | undefined {
  if (typeof value !== "string" || value.length > MAX_RETURN_LENGTH) return undefined;
  if (!value.startsWith("/") || value.startsWith("//")) return undefined;
  for (const character of value) {
    const code = character.charCodeAt(0);
    if (character === "\\" || code < 0x20 || code === 0x7f) return undefined;
  }
  let url: URL;
  try {
    url = new URL(value, RETURN_BASE);
  } catch {
    return undefined;
  }
  if (url.origin !== RETURN_BASE) return undefined;
  return `${url.pathname}${url.search}`;
}

/**
 * The path to return to after signing in, or undefined when `value` is not one: a safe path
 * (`safeLocalPath`), but not the home page, the sign-in pages or the Auth.js routes, which are no
 * destination: someone who signed in from there is shown the welcome page instead.
 */
export function safeReturnPath(value: unknown): string | undefined {
  const path = safeLocalPath(value);
  if (!path) return undefined;
  const { pathname } = new URL(path, RETURN_BASE);
  const excluded = ["/sign-in", "/api"];
  if (pathname === "/" || excluded.some((p) => pathname === p || pathname.startsWith(`${p}/`))) {
    return undefined;
  }
  return path;
}

/** The query parameter of the language switcher's links: the page to go back to. */
export const BACK_PARAM = "back";

/**
 * The language switcher's link: it sets the language, then goes back to `back` (a page of this
 * site; anything else is dropped, and the switch ends on the home page).
 */
export function languagePath(locale: string, back?: string): string {
  const base = `/language/${segment(locale)}`;
  const safe = safeLocalPath(back);
  return safe && safe !== "/" ? `${base}?${new URLSearchParams({ [BACK_PARAM]: safe })}` : base;
}

function withReturn(path: string, returnTo: string | undefined): string {
  const safe = safeReturnPath(returnTo);
  return safe ? `${path}?${new URLSearchParams({ [RETURN_PARAM]: safe })}` : path;
}

/** The sign-in page, remembering the page that sent the person there when there is one. */
export function signInPath(returnTo?: string): string {
  return withReturn("/sign-in", returnTo);
}

/**
 * Where every sign-in lands: the welcome page, which asks a newcomer for their name and then
 * sends them on to `returnTo`, or goes there at once for someone who has one. `saved` tells it
 * the name was just saved there.
 */
export function welcomePath(returnTo?: string, options: { saved?: boolean } = {}): string {
  return options.saved ? "/welcome?saved=1" : withReturn("/welcome", returnTo);
}

/** Where a magic link's recipient is told to look in their mail, keeping where they were going. */
export function checkEmailPath(returnTo?: string): string {
  return withReturn("/sign-in/check-email", returnTo);
}

/** Where Auth.js sends people whose link is expired, used already, or refused. */
export function signInErrorPath(): string {
  return "/sign-in/error";
}

/** Outside production: the emails Hum would have sent. */
export function outboxPath(): string {
  return "/dev/outbox";
}

/** Filters of the public registry; each is a query parameter of `/registry`. */
export type RegistryFilter = {
  q?: string;
  standard?: string;
  release?: string;
  level?: string;
  module?: string;
  country?: string;
  state?: string;
  page?: number;
};

/** The public registry of declarations, optionally filtered. */
export function registryPath(filter: RegistryFilter = {}): string {
  return withQuery("/registry", {
    q: filter.q || undefined,
    standard: filter.standard,
    release: filter.release,
    level: filter.level,
    module: filter.module,
    country: filter.country,
    state: filter.state,
    page: filter.page && filter.page > 1 ? String(filter.page) : undefined,
  });
}

/** One declaration's public page, its permanent address; optionally at one version. */
export function declarationPath(number: number, version?: number): string {
  const base = `/registry/${number}`;
  return version === undefined ? base : `${base}?version=${version}`;
}

/** How a declaration is named in the audit log: its number. */
export function declarationSubjectId(number: number): string {
  return String(number);
}

/** Two published versions of a declaration side by side. */
export function declarationComparePath(number: number, from: number, to: number): string {
  return `${declarationPath(number)}/compare/${from}...${to}`;
}

/** A declaration's canonical JSON (next.config.ts rewrites it to its route). */
export function declarationJsonPath(number: number): string {
  return `${declarationPath(number)}.json`;
}

/** The mark as an image, always telling the listing's real state. */
export function badgePath(number: number): string {
  return `${declarationPath(number)}/badge.svg`;
}

/** Where representatives edit, publish, reaffirm or withdraw a declaration. */
export function declarationEditPath(number: number): string {
  return `${declarationPath(number)}/edit`;
}

/** An organisation's public page, listing its products. */
export function organisationPath(slug: string): string {
  return `/registry/organisations/${segment(slug)}`;
}

/** Where an organisation's representatives manage it: people, domain, declarations. */
export function organisationManagePath(slug: string): string {
  return `${organisationPath(slug)}/manage`;
}

/** The form that registers an organisation. */
export function newOrganisationPath(): string {
  return "/registry/organisations/new";
}

/** The form that starts a declaration for one of an organisation's products. */
export function newDeclarationPath(slug: string): string {
  return `${organisationManagePath(slug)}/declare`;
}

/** Where an invited person accepts to represent an organisation (the token is in the email). */
export function representativeInvitationPath(token: string): string {
  return `/registry/invitations/${segment(token)}`;
}

/** Where representatives prove that the organisation controls its web domain. */
export function organisationDomainPath(slug: string): string {
  return `${organisationManagePath(slug)}/domain`;
}

/** Where the secretariat picks a standard whose events to send to other programs. */
export function secretariatWebhooksPath(): string {
  return "/secretariat/webhooks";
}

/** Where the secretariat sends a standard's events to other programs and chats. */
export function standardWebhooksPath(slug: string): string {
  return `${secretariatWebhooksPath()}/${segment(slug)}`;
}

/** Where representatives send their organisation's registry events to other programs. */
export function organisationWebhooksPath(slug: string): string {
  return `${organisationManagePath(slug)}/webhooks`;
}

/** One webhook endpoint: its secret, settings and delivery log (`before`: older attempts). */
export function webhookEndpointPath(
  owner: { standard: string } | { organisation: string },
  endpointId: string,
  before?: number,
): string {
  const base =
    "standard" in owner
      ? standardWebhooksPath(owner.standard)
      : organisationWebhooksPath(owner.organisation);
  return withQuery(`${base}/${segment(endpointId)}`, { before });
}

/** Filters of the public log of challenges and misuse reports. */
export type ChallengeFilter = {
  state?: string;
  standard?: string;
  organisation?: string;
  page?: number;
};

/** The public log of challenges and misuse reports, optionally filtered. */
export function challengesPath(filter: ChallengeFilter = {}): string {
  return withQuery("/registry/challenges", {
    state: filter.state,
    standard: filter.standard,
    organisation: filter.organisation,
    page: filter.page && filter.page > 1 ? String(filter.page) : undefined,
  });
}

/** One challenge's public record: filing, response, votes, timeline. */
export function challengePath(number: number): string {
  return `/registry/challenges/${number}`;
}

/** How a challenge is named in the audit log: its number. */
export function challengeSubjectId(number: number): string {
  return String(number);
}

/** The form that challenges a listed declaration. */
export function newChallengePath(declarationNumber: number): string {
  return `${declarationPath(declarationNumber)}/challenge`;
}

/** The form that reports someone showing the mark without a listing. */
export function newMisuseReportPath(): string {
  return "/registry/challenges/report";
}

/** Where an advisory-group member reviews a declaration the charter holds for review. */
export function declarationReviewPath(number: number): string {
  return `${declarationPath(number)}/review`;
}

/** A survey's public page: the link given to buyers and organisations, where they answer. */
export function surveyPath(number: number): string {
  return `/surveys/${number}`;
}

/** Where a survey's answering form posts its fields from a script; JSON comes back. */
export function surveyAnswersPath(number: number): string {
  return `${surveyPath(number)}/answers`;
}

/** A survey's results, public once it closes or the secretariat publishes them. */
export function surveyResultsPath(number: number): string {
  return `${surveyPath(number)}/results`;
}

/** A survey's results as a download: one row per response (CSV), or JSON. */
export function surveyExportPath(number: number, format: "csv" | "json"): string {
  return `${surveyResultsPath(number)}.${format}`;
}

/** The secretariat's list of a review's surveys, with the form that adds one. */
export function reviewSurveysPath(reviewId: string): string {
  return `${secretariatPath()}/reviews/${segment(reviewId)}/surveys`;
}

/** Where the secretariat builds a survey's questions, opens, closes and publishes it. */
export function manageSurveyPath(number: number): string {
  return `${secretariatPath()}/surveys/${number}`;
}
