import { createFormatter, createTranslator } from "use-intl/core";
import {
  type AuditAction,
  type AuditDetails,
  isAuditAction,
  type PublicDetailKey,
  publicDetailKeys,
} from "@/lib/audit/rules";
import { displayName, groupSlugs, groups } from "@/lib/community/rules";
import { catalogues, type MessageKey, messages } from "@/lib/i18n";
import type { Locale } from "@/lib/locale";
import {
  callPath,
  callsPath,
  callThreadPath,
  challengePath,
  declarationPath,
  draftClausePath,
  draftSectionPath,
  draftThreadPath,
  groupPath,
  organisationPath,
  releasePath,
  reviewPath,
  reviewThreadPath,
  standardPath,
  surveyPath,
} from "@/lib/paths";

/** The standard an entry concerns, when the entry or the record around it says which. */
export type Place = { slug: string; name: string };

/** What a sentence needs to know of an entry: what the public log shows, and no more. */
export type EntryInput = {
  action: string;
  actorId: string | null;
  actorName: string | null;
  subjectType: string;
  subjectId: string;
  subjectName: string | null;
  details: AuditDetails;
  place: Place | null;
};

/** A part of a sentence shown as a link, or as plain words when there is nowhere to go. */
export type Reference = { text: string; href: string | null };

/** Words people wrote for the record, shown under the sentence with what they are. */
export const quotedKeys = ["reason", "rationale", "note", "organisations"] as const;
export type QuotedKey = (typeof quotedKeys)[number];

export type EntryText = {
  /** The action's sentence, or null for an action Hum no longer records (shown by its name). */
  action: AuditAction | null;
  /** The action as recorded. */
  name: string;
  /** Every argument a sentence may name: the actor, the subject and each public detail. */
  values: Record<string, string | number>;
  /** The arguments shown as links (or names): the actor, the subject, a thread, a call, a group. */
  references: Record<string, Reference>;
  quotes: { key: QuotedKey; words: string }[];
};

/** What a sentence says of a detail it does not have: its ICU `select` branches on this. */
export const ABSENT = "none";

/** Where the page showing the entry already is: that subject is "this call", not a link. */
export type Here = { subjectType: string; subjectId: string };

// The reader's catalogue, in the pages' time zone (i18n/request.ts). A sentence that cannot be
// formatted (an old entry with a malformed detail) throws, and the entry falls back to its name.
const wordingFor = (locale: Locale) => ({
  t: createTranslator({
    locale,
    messages: catalogues[locale],
    onError: (error) => {
      throw error;
    },
  }),
  format: createFormatter({ locale, timeZone: "UTC" }),
});
const wordings = new Map<Locale, ReturnType<typeof wordingFor>>();

/** The translator and formatter of one language, made once. */
function wordingIn(locale: Locale) {
  let wording = wordings.get(locale);
  if (!wording) {
    wording = wordingFor(locale);
    wordings.set(locale, wording);
  }
  return wording;
}

/** A moment, for a reader of `locale`: "Dec 12, 2025, 3:04 PM UTC". */
export function formatMoment(at: Date, locale: Locale): string {
  return wordingIn(locale).format.dateTime(at, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  });
}

/** A day stored as YYYY-MM-DD (a term's start or end): "January 1, 2025". */
function formatDay(day: string, locale: Locale): string {
  const at = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(at.getTime())
    ? day
    : wordingIn(locale).format.dateTime(at, { dateStyle: "long" });
}

function isCatalogued(key: string): key is MessageKey {
  let node: unknown = messages;
  for (const part of key.split(".")) {
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, part)) return false;
    node = Reflect.get(node, part);
  }
  return typeof node === "string";
}

type Vocabulary = keyof typeof messages.transparency.terms;

/** A stored value in words, from `transparency.terms.<vocabulary>`; an unknown one as stored. */
export function term(vocabulary: Vocabulary, value: string, locale: Locale): string {
  const key = `transparency.terms.${vocabulary}.${value}`;
  return isCatalogued(key) ? wordingIn(locale).t(key) : value;
}

const slugAndKey = (id: string) => {
  const at = id.indexOf("/");
  return at < 0 ? null : { slug: id.slice(0, at), key: id.slice(at + 1) };
};

function callReference(id: string, here: Here | undefined, locale: Locale): Reference {
  const { t } = wordingIn(locale);
  if (here?.subjectType === "call" && here.subjectId === id) {
    return { text: t("transparency.names.thisCall"), href: null };
  }
  const parts = slugAndKey(id);
  const number = Number(parts?.key);
  if (!parts || !Number.isInteger(number)) return { text: id, href: null };
  return { text: t("transparency.names.call", { number }), href: callPath(parts.slug, number) };
}

function subjectReference(entry: EntryInput, here: Here | undefined, locale: Locale): Reference {
  const { t } = wordingIn(locale);
  const { subjectType: type, subjectId: id, place, details } = entry;
  const named = (text: string, href: string | null = null) => ({ text, href });
  switch (type) {
    case "user":
      return named(displayName({ id, name: entry.subjectName }));
    case "action":
      return named(term("attempts", id, locale));
    case "standard":
      return named(
        typeof details.name === "string" ? details.name : (place?.name ?? id),
        standardPath(id),
      );
    case "clause":
      return named(id, place ? draftClausePath(place.slug, id) : null);
    case "section": {
      const parts = slugAndKey(id);
      return parts ? named(parts.key, draftSectionPath(parts.slug, parts.key)) : named(id);
    }
    case "comment":
      return named(t("transparency.names.comment"));
    case "position_reason":
      return named(t("transparency.names.positionReason"));
    case "call":
      return callReference(id, here, locale);
    case "charter":
      return named(t("transparency.names.charter", { standard: place?.name ?? id }), callsPath(id));
    case "release": {
      const parts = slugAndKey(id);
      return parts
        ? named(
            t("transparency.names.release", { version: parts.key }),
            releasePath(parts.slug, parts.key),
          )
        : named(id);
    }
    case "sign_in":
      return named(t("transparency.subjects.sign_in"));
    case "organisation":
      return named(typeof details.name === "string" ? details.name : id, organisationPath(id));
    case "declaration": {
      const number = Number(id);
      return Number.isInteger(number)
        ? named(t("transparency.names.declaration", { number }), declarationPath(number))
        : named(id);
    }
    case "challenge": {
      const number = Number(id);
      return Number.isInteger(number)
        ? named(t("transparency.names.challenge", { number }), challengePath(number))
        : named(id);
    }
    case "survey": {
      const number = Number(id);
      return Number.isInteger(number)
        ? named(t("transparency.names.survey", { number }), surveyPath(number))
        : named(id);
    }
    case "review": {
      const parts = slugAndKey(id);
      const number = Number(parts?.key);
      return parts && Number.isInteger(number)
        ? named(t("transparency.names.review", { number }), reviewPath(parts.slug, number))
        : named(id);
    }
    default:
      return named(`${type} ${id}`);
  }
}

function threadReference(entry: EntryInput, threadId: string, locale: Locale): Reference {
  const { t } = wordingIn(locale);
  const { title } = entry.details;
  const text =
    typeof title === "string" && title
      ? t("transparency.names.thread", { title })
      : t("transparency.names.untitledThread");
  const { subjectType, subjectId, place } = entry;
  const call = subjectType === "call" ? slugAndKey(subjectId) : null;
  const review = subjectType === "review" ? slugAndKey(subjectId) : null;
  const href =
    subjectType === "clause" && place
      ? draftThreadPath(place.slug, subjectId, threadId)
      : call && Number.isInteger(Number(call.key))
        ? callThreadPath(call.slug, Number(call.key), threadId)
        : review && Number.isInteger(Number(review.key))
          ? reviewThreadPath(review.slug, Number(review.key), threadId)
          : null;
  return { text, href };
}

const refusalActions: ReadonlySet<string> = new Set<AuditAction>([
  "access.refused",
  "auth.sign_in_refused",
]);
const isQuoted = (entry: EntryInput, key: string): key is QuotedKey =>
  (quotedKeys as readonly string[]).includes(key) &&
  !(key === "reason" && refusalActions.has(entry.action));
const numberKeys: ReadonlySet<PublicDetailKey> = new Set([
  "positions",
  "objections",
  "adopted",
  "held",
  "revision",
  "restored",
  "clauses",
  "commentPeriodDays",
  "quorum",
  "agDeadlineDays",
  "appealWindowDays",
  "listingTermMonths",
  "transitionDays",
  "challengeResponseDays",
  "relistingBanDays",
]);
const isGroup = (value: string): value is (typeof groups)[number] =>
  (groups as readonly string[]).includes(value);

type Shown = string | number | Reference;

/** How the sentence shows one detail of the entry, to a reader of `locale`. */
function shown(
  entry: EntryInput,
  key: PublicDetailKey,
  raw: string,
  here: Here | undefined,
  locale: Locale,
): Shown {
  const word = (vocabulary: Vocabulary, value: string) => term(vocabulary, value, locale);
  if (numberKeys.has(key)) {
    const number = Number(raw);
    return Number.isFinite(number) ? number : raw;
  }
  switch (key) {
    case "stance":
    case "previously":
      return word("stances", raw);
    case "kind":
      if (entry.action === "decisions.call_opened") return word("callKinds", raw);
      return entry.subjectType === "section" ? word("sectionKinds", raw) : word("threadKinds", raw);
    case "stage":
      return word("stages", raw);
    case "choice":
      return word("choices", raw);
    case "phase":
      return word("phases", raw);
    case "appeal":
      return word("appeals", raw);
    case "response":
      return word("responses", raw);
    case "party":
      return word("parties", raw);
    case "role":
      return word("roles", raw);
    case "challengeOnBadge":
      return word("onBadge", raw);
    case "direction":
      return word("directions", raw);
    case "relationship":
      return word("relationships", raw);
    case "method":
      return word("methods", raw);
    case "language":
      return word("languages", raw);
    case "group":
      return isGroup(raw)
        ? { text: word("groups", raw), href: groupPath(groupSlugs[raw]) }
        : { text: raw, href: null };
    case "startsOn":
    case "endsOn":
      return formatDay(raw, locale);
    case "expires":
      return formatDay(raw, locale);
    case "closes": {
      const at = new Date(raw);
      return Number.isNaN(at.getTime()) ? raw : formatMoment(at, locale);
    }
    case "thread":
      return threadReference(entry, raw, locale);
    case "call":
      return callReference(raw, here, locale);
    case "reason":
      // A refusal's reason is a code; any other reason is words, quoted under the sentence.
      if (entry.action === "access.refused") return word("refusals", raw);
      if (entry.action === "auth.sign_in_refused") return word("signInRefusals", raw);
      return raw;
    default:
      return raw;
  }
}

/**
 * The sentence's arguments for one entry, the parts shown as links, and the quoted words, in
 * the reader's language.
 */
export function describeEntry(
  entry: EntryInput,
  here: Here | undefined,
  locale: Locale,
): EntryText {
  const action = isAuditAction(entry.action) ? entry.action : null;
  const actor = entry.actorId
    ? displayName({ id: entry.actorId, name: entry.actorName })
    : wordingIn(locale).t("transparency.system");
  const values: Record<string, string | number> = {};
  const references: Record<string, Reference> = {
    actor: { text: actor, href: null },
    subject: subjectReference(entry, here, locale),
  };
  const quotes: EntryText["quotes"] = [];
  for (const key of publicDetailKeys) {
    const value = entry.details[key];
    values[key] = ABSENT;
    if (value === undefined || value === null || value === "") continue;
    const result = shown(entry, key, String(value), here, locale);
    if (typeof result === "object") references[key] = result;
    else values[key] = result;
    if (isQuoted(entry, key)) quotes.push({ key, words: String(value) });
  }
  quotes.sort((a, b) => quotedKeys.indexOf(a.key) - quotedKeys.indexOf(b.key));
  return { action, name: entry.action, values, references, quotes };
}

/**
 * The entry's sentence in plain text, in `locale` (the language `text` was described in).
 * `markers` stand in for references the page shows as links (see `withPeople`); without them
 * each reference reads as its words.
 */
export function sentence(
  text: EntryText,
  locale: Locale,
  markers: Partial<Record<string, string>> = {},
): string {
  const { t } = wordingIn(locale);
  const values = { ...text.values };
  for (const [name, reference] of Object.entries(text.references)) {
    values[name] = markers[name] ?? reference.text;
  }
  // A change a program made with someone's access token says so, whatever the change.
  const { token } = text.values;
  const via =
    token !== undefined && token !== ABSENT
      ? ` ${t("transparency.viaToken", { token: String(token) })}`
      : "";
  if (text.action) {
    try {
      return t(`transparency.sentences.${text.action}`, values) + via;
    } catch {
      // An old entry whose details the sentence cannot read: say what it is, by name.
    }
  }
  return t("transparency.unnamed", { actor: values.actor ?? "", action: text.name }) + via;
}
