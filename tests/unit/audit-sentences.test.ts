import { describe, expect, it } from "vitest";
import { type AuditAction, type AuditDetails, auditActions } from "@/lib/audit/rules";
import { describeEntry, type EntryInput, sentence } from "@/lib/transparency/sentence";

const THREAD = "68badde0-c20c-4f82-b609-7358faacb673";
const DECLARATION = "38a371ab-173f-4681-8ba7-1fe8d3287a33";
const place = { slug: "iotmark", name: "IoTmark Principles" };

/** An entry of each action, with the subject and details Hum writes for it. */
const samples: Record<AuditAction, Pick<EntryInput, "subjectType" | "subjectId" | "details">> = {
  "auth.signed_in": { subjectType: "user", subjectId: "ana", details: { method: "resend" } },
  "auth.signed_out": { subjectType: "user", subjectId: "ana", details: {} },
  "auth.sign_in_refused": {
    subjectType: "sign_in",
    subjectId: "magic_link",
    details: { reason: "rate_limited_email" },
  },
  "access.refused": {
    subjectType: "action",
    subjectId: "discussion.hide_comment",
    details: { reason: "not_advisory_group" },
  },
  "community.joined": { subjectType: "user", subjectId: "ana", details: {} },
  "community.profile_updated": {
    subjectType: "user",
    subjectId: "ana",
    details: { name: "Ana Lima", affiliation: "Tinkerers' Guild", declaration: DECLARATION },
  },
  "community.member_appointed": {
    subjectType: "user",
    subjectId: "ben",
    details: {
      membership: "m1",
      group: "advisory_group",
      role: "member",
      startsOn: "2025-01-01",
      endsOn: "2026-12-31",
    },
  },
  "community.membership_ended": {
    subjectType: "user",
    subjectId: "ben",
    details: { membership: "m1", group: "steering_committee", role: "chair" },
  },
  "community.secretariat_granted": { subjectType: "user", subjectId: "ben", details: {} },
  "community.secretariat_revoked": { subjectType: "user", subjectId: "ben", details: {} },
  "drafting.standard_created": {
    subjectType: "standard",
    subjectId: "iotmark",
    details: { name: "IoTmark Principles" },
  },
  "drafting.clause_added": {
    subjectType: "clause",
    subjectId: "SW-4",
    details: { standard: "iotmark", title: "Signed updates", strength: "MUST" },
  },
  "drafting.clause_changed": {
    subjectType: "clause",
    subjectId: "SW-4",
    details: { title: "Signed updates", module: "SW", level: "Bronze", strength: "SHOULD" },
  },
  "drafting.clause_moved": {
    subjectType: "clause",
    subjectId: "SW-4",
    details: { direction: "up" },
  },
  "drafting.clause_retired": { subjectType: "clause", subjectId: "SW-4", details: {} },
  "drafting.revision_saved": { subjectType: "clause", subjectId: "SW-4", details: { revision: 3 } },
  "drafting.standard_imported": {
    subjectType: "standard",
    subjectId: "homekit",
    details: { name: "Home kit", clauses: 12 },
  },
  "drafting.later_text_imported": {
    subjectType: "standard",
    subjectId: "homekit",
    details: { clauses: 5 },
  },
  "drafting.revision_restored": {
    subjectType: "clause",
    subjectId: "SW-4",
    details: { restored: 2, revision: 4 },
  },
  "drafting.section_added": {
    subjectType: "section",
    subjectId: "iotmark/definitions",
    details: { standard: "iotmark", title: "Definitions", kind: "definitions" },
  },
  "drafting.section_renamed": {
    subjectType: "section",
    subjectId: "iotmark/definitions",
    details: { standard: "iotmark", title: "Terms and definitions" },
  },
  "drafting.section_moved": {
    subjectType: "section",
    subjectId: "iotmark/definitions",
    details: { standard: "iotmark", direction: "up" },
  },
  "drafting.section_revision_saved": {
    subjectType: "section",
    subjectId: "iotmark/definitions",
    details: { standard: "iotmark", revision: 2 },
  },
  "drafting.section_retired": {
    subjectType: "section",
    subjectId: "iotmark/definitions",
    details: { standard: "iotmark" },
  },
  "drafting.framework_added": {
    subjectType: "standard",
    subjectId: "iotmark",
    details: { framework: "etsi-en-303-645", title: "ETSI EN 303 645", version: "v2.1.1" },
  },
  "drafting.mapping_added": {
    subjectType: "clause",
    subjectId: "SW-4",
    details: {
      framework: "etsi-en-303-645",
      provision: "5.3-2",
      relationship: "superset",
      rationale: "Asks for signed updates as well as a way to install them.",
    },
  },
  "drafting.mapping_removed": {
    subjectType: "clause",
    subjectId: "SW-4",
    details: { framework: "etsi-en-303-645", provision: "5.3-2", relationship: "superset" },
  },
  "discussion.thread_opened": {
    subjectType: "clause",
    subjectId: "SW-4",
    details: { thread: THREAD, kind: "question", title: "Which keys?" },
  },
  "discussion.objection_raised": {
    subjectType: "call",
    subjectId: "iotmark/48",
    details: { thread: THREAD, kind: "objection", title: "Too strict" },
  },
  "discussion.replied": {
    subjectType: "clause",
    subjectId: "SW-4",
    details: { thread: THREAD, title: "Which keys?", token: "ci-bot" },
  },
  "discussion.thread_resolved": {
    subjectType: "clause",
    subjectId: "SW-4",
    details: { thread: THREAD, reason: "Answered in revision 4.", title: "Which keys?" },
  },
  "discussion.thread_reopened": {
    subjectType: "clause",
    subjectId: "SW-4",
    details: { thread: THREAD, reason: "Not answered after all." },
  },
  "discussion.comment_hidden": {
    subjectType: "comment",
    subjectId: THREAD,
    details: { reason: "Personal attack." },
  },
  "discussion.objection_withdrawn": {
    subjectType: "clause",
    subjectId: "SW-4",
    details: { thread: THREAD },
  },
  "discussion.objection_sustained": {
    subjectType: "call",
    subjectId: "iotmark/48",
    details: { thread: THREAD, title: "Too strict" },
  },
  "decisions.call_opened": {
    subjectType: "call",
    subjectId: "iotmark/3",
    details: {
      kind: "clause_revision",
      closes: "2025-12-09T22:37:24.908Z",
      title: "Adopt the data inventory clause",
    },
  },
  "decisions.position_taken": {
    subjectType: "call",
    subjectId: "iotmark/3",
    details: { stance: "no_objection", previously: "object", reason: "My concern is met." },
  },
  "decisions.position_reason_hidden": {
    subjectType: "position_reason",
    subjectId: THREAD,
    details: { call: "iotmark/3", reason: "Off topic." },
  },
  "decisions.consensus": {
    subjectType: "call",
    subjectId: "iotmark/3",
    details: {
      phase: "adopted",
      positions: 3,
      objections: 0,
      rationale: "Rough consensus: 3 positions taken, no objection left open.",
    },
  },
  "decisions.partly_adopted": {
    subjectType: "call",
    subjectId: "iotmark/7",
    details: { phase: "adopted", positions: 4, objections: 1, adopted: 2, held: 1 },
  },
  "decisions.change_escalated": {
    subjectType: "call",
    subjectId: "iotmark/8",
    details: { call: "iotmark/7", phase: "escalated_ag" },
  },
  "decisions.escalated_to_ag": {
    subjectType: "call",
    subjectId: "iotmark/48",
    details: { phase: "escalated_ag", positions: 3, objections: 1 },
  },
  "decisions.withdrawn": {
    subjectType: "call",
    subjectId: "iotmark/3",
    details: { phase: "withdrawn", rationale: "Superseded by call 4." },
  },
  "decisions.vote_cast": {
    subjectType: "call",
    subjectId: "iotmark/48",
    details: { stage: "ag", choice: "return", vote: "v1", declaration: DECLARATION },
  },
  "decisions.recused": {
    subjectType: "call",
    subjectId: "iotmark/48",
    details: { stage: "sc", choice: "recuse", vote: null, declaration: null },
  },
  "decisions.ag_decided": {
    subjectType: "call",
    subjectId: "iotmark/48",
    details: { phase: "ag_decided", rationale: "Both sides have a point." },
  },
  "decisions.escalated_to_sc": {
    subjectType: "call",
    subjectId: "iotmark/48",
    details: { phase: "escalated_sc" },
  },
  "decisions.appealed": {
    subjectType: "call",
    subjectId: "iotmark/48",
    details: { phase: "appealed", reason: "The AG ignored the objection." },
  },
  "decisions.ag_decision_final": {
    subjectType: "call",
    subjectId: "iotmark/48",
    details: { phase: "returned" },
  },
  "decisions.sc_ruled": {
    subjectType: "call",
    subjectId: "iotmark/48",
    details: { phase: "adopted", appeal: "overturned" },
  },
  "decisions.charter_changed": {
    subjectType: "charter",
    subjectId: "iotmark",
    details: { commentPeriodDays: 14, quorum: 3, agDeadlineDays: 7, appealWindowDays: 1 },
  },
  "decisions.revision_adopted": {
    subjectType: "clause",
    subjectId: "SW-4",
    details: { revision: 3, call: "iotmark/5" },
  },
  "decisions.section_adopted": {
    subjectType: "section",
    subjectId: "iotmark/scope",
    details: { revision: 2, call: "iotmark/7" },
  },
  "decisions.clause_retired": {
    subjectType: "clause",
    subjectId: "SW-4",
    details: { call: "iotmark/8" },
  },
  "decisions.clause_restored": {
    subjectType: "clause",
    subjectId: "SW-4",
    details: { call: "iotmark/9" },
  },
  "decisions.clause_moved": {
    subjectType: "clause",
    subjectId: "SW-4",
    details: { module: "DATA", call: "iotmark/10" },
  },
  "decisions.section_retired": {
    subjectType: "section",
    subjectId: "iotmark/licence",
    details: { call: "iotmark/11" },
  },
  "releases.published": {
    subjectType: "release",
    subjectId: "iotmark/1.1.0",
    details: { digest: "3f2a".repeat(16), call: "iotmark/7" },
  },
  "releases.withdrawn": {
    subjectType: "release",
    subjectId: "iotmark/1.1.0",
    details: { reason: "Published by mistake." },
  },
  "releases.translation_started": {
    subjectType: "release",
    subjectId: "iotmark/1.1.0",
    details: { language: "fr", version: "1.0.0" },
  },
  "releases.clause_translated": {
    subjectType: "release",
    subjectId: "iotmark/1.1.0",
    details: { language: "de", ref: "SW-2" },
  },
  "releases.translation_published": {
    subjectType: "release",
    subjectId: "iotmark/1.1.0",
    details: { language: "fr", digest: "3f2a".repeat(16), call: "iotmark/9" },
  },
  "registry.organisation_registered": {
    subjectType: "organisation",
    subjectId: "brightbulb",
    details: { name: "Brightbulb Ltd" },
  },
  "registry.representative_invited": {
    subjectType: "organisation",
    subjectId: "brightbulb",
    details: { name: "Brightbulb Ltd" },
  },
  "registry.representative_added": {
    subjectType: "organisation",
    subjectId: "brightbulb",
    details: { name: "Brightbulb Ltd" },
  },
  "registry.representative_ended": {
    subjectType: "organisation",
    subjectId: "brightbulb",
    details: { name: "Ben Okoro" },
  },
  "registry.domain_verified": {
    subjectType: "organisation",
    subjectId: "brightbulb",
    details: { domain: "brightbulb.example", method: "well_known" },
  },
  "registry.declaration_published": {
    subjectType: "declaration",
    subjectId: "12",
    details: { version: 2, product: "Lumen hub", digest: "3f2a".repeat(16) },
  },
  "registry.declaration_reaffirmed": {
    subjectType: "declaration",
    subjectId: "12",
    details: { version: 3, expires: "2027-11-29" },
  },
  "registry.declaration_reviewed": {
    subjectType: "declaration",
    subjectId: "12",
    details: { version: 1, choice: "changes_requested" },
  },
  "registry.declaration_listed": {
    subjectType: "declaration",
    subjectId: "12",
    details: { expires: "2027-11-29" },
  },
  "registry.declaration_withdrawn": {
    subjectType: "declaration",
    subjectId: "12",
    details: { reason: "The product is no longer sold." },
  },
  "registry.declaration_lapsed": { subjectType: "declaration", subjectId: "12", details: {} },
  "registry.transition_ended": { subjectType: "declaration", subjectId: "12", details: {} },
  "registry.organisation_updated": {
    subjectType: "organisation",
    subjectId: "brightbulb",
    details: { name: "Brightbulb Ltd", domain: "brightbulb.example" },
  },
  "registry.challenge_filed": {
    subjectType: "challenge",
    subjectId: "4",
    details: { product: "Lumen hub", clauses: "PR-1, SW-2" },
  },
  "registry.misuse_reported": {
    subjectType: "challenge",
    subjectId: "5",
    details: { name: "Glowmaster bulbs", party: "withheld" },
  },
  "registry.challenge_responded": {
    subjectType: "challenge",
    subjectId: "4",
    details: { response: "cure", version: 3 },
  },
  "registry.challenge_withdrawn": {
    subjectType: "challenge",
    subjectId: "4",
    details: { party: "withheld", reason: "The maker explained the update policy." },
  },
  "registry.challenge_escalated_to_ag": {
    subjectType: "challenge",
    subjectId: "4",
    details: { phase: "escalated_ag" },
  },
  "registry.challenge_vote_cast": {
    subjectType: "challenge",
    subjectId: "4",
    details: { stage: "ag", choice: "strike_off" },
  },
  "registry.challenge_recused": {
    subjectType: "challenge",
    subjectId: "4",
    details: { stage: "ag", choice: "recuse" },
  },
  "registry.challenge_ag_decided": {
    subjectType: "challenge",
    subjectId: "4",
    details: { phase: "ag_decided", choice: "dismiss" },
  },
  "registry.challenge_escalated_to_sc": {
    subjectType: "challenge",
    subjectId: "4",
    details: { phase: "escalated_sc" },
  },
  "registry.challenge_appealed": {
    subjectType: "challenge",
    subjectId: "4",
    details: { phase: "appealed" },
  },
  "registry.challenge_decision_final": {
    subjectType: "challenge",
    subjectId: "4",
    details: { phase: "dismissed" },
  },
  "registry.challenge_sc_ruled": {
    subjectType: "challenge",
    subjectId: "4",
    details: { phase: "struck_off", appeal: "upheld" },
  },
  "registry.declaration_struck_off": {
    subjectType: "declaration",
    subjectId: "12",
    details: { challenge: 4, expires: "2027-03-01" },
  },
  "registry.relisting_leave_granted": {
    subjectType: "declaration",
    subjectId: "12",
    details: { reason: "The maker shipped a new product line with the fix." },
  },
  "reviews.survey_created": {
    subjectType: "survey",
    subjectId: "7",
    details: { title: "Buyers of marked products" },
  },
  "reviews.survey_opened": { subjectType: "survey", subjectId: "7", details: { title: "Buyers" } },
  "reviews.survey_closed": { subjectType: "survey", subjectId: "7", details: { title: "Buyers" } },
  "reviews.results_published": {
    subjectType: "survey",
    subjectId: "7",
    details: { title: "Buyers" },
  },
  "reviews.review_opened": {
    subjectType: "review",
    subjectId: "iotmark/2",
    details: { standard: "iotmark" },
  },
  "reviews.conclusions_proposed": {
    subjectType: "review",
    subjectId: "iotmark/2",
    details: { call: "iotmark/51" },
  },
  "reviews.concluded": {
    subjectType: "review",
    subjectId: "iotmark/2",
    details: { call: "iotmark/51" },
  },
};

function entry(action: string, details?: AuditDetails): EntryInput {
  const sample = samples[action as AuditAction];
  return {
    action,
    actorId: "ana",
    actorName: "Ana Lima",
    subjectName: "Ben Okoro",
    place,
    ...sample,
    details: details ?? sample.details,
  };
}

const read = (input: EntryInput) => sentence(describeEntry(input, undefined, "en"), "en");

// What a database key looks like in a sentence: snake_case words, ISO timestamps, ids, unfilled
// arguments, or the marker of a missing detail.
const rawKey = new RegExp(
  [
    "\\b[a-z]+_[a-z_]+\\b",
    "\\d{4}-\\d\\d-\\d\\dT",
    "[0-9a-f]{8}-[0-9a-f]{4}",
    "[{}]",
    "\\bnone\\b",
  ].join("|"),
);

describe("the public log's sentences", () => {
  it.each(auditActions)("reads %s as a sentence, without database keys", (action) => {
    const text = read(entry(action));
    expect(text).not.toMatch(rawKey);
    expect(text).not.toContain(action);
    expect(text).toMatch(/[.]$/);
  });

  it.each(auditActions)("reads %s without its details (an old entry) too", (action) => {
    const text = read(entry(action, {}));
    expect(text).not.toMatch(rawKey);
    expect(text).not.toContain(action);
  });

  it("says who did what, with the details in words", () => {
    expect(read(entry("decisions.position_taken", { stance: "no_objection" }))).toBe(
      "Ana Lima took a position on call 3: no objection.",
    );
    expect(read(entry("decisions.position_taken"))).toBe(
      "Ana Lima changed their position on call 3 from objection to no objection.",
    );
    expect(read({ ...entry("decisions.revision_adopted"), actorId: null })).toBe(
      "Revision 3 of SW-4 was adopted through call 5.",
    );
    expect(read(entry("access.refused"))).toBe(
      "Ana Lima was refused: only advisory-group members may hide a comment.",
    );
    expect(read(entry("community.member_appointed"))).toBe(
      "Ana Lima appointed Ben Okoro a member of the advisory group from January 1, 2025 to December 31, 2026.",
    );
    expect(read(entry("decisions.call_opened"))).toBe(
      "Ana Lima opened call 3 to adopt a clause revision: “Adopt the data inventory clause”. It closes on Dec 9, 2025, 10:37 PM UTC.",
    );
    expect(read(entry("drafting.section_added"))).toBe(
      "Ana Lima added the section definitions: “Definitions” (definitions).",
    );
    expect(
      describeEntry(entry("drafting.section_moved"), undefined, "en").references.subject,
    ).toEqual({
      text: "definitions",
      href: "/standards/iotmark/draft/sections/definitions",
    });
    expect(read({ ...entry("decisions.partly_adopted"), actorId: null })).toBe(
      "Hum closed call 7 with rough consensus on 2 changes; 1 objected change goes to the advisory group, each on its own.",
    );
    expect(read({ ...entry("decisions.change_escalated"), actorId: null })).toBe(
      "An objected change of call 7 was split off as call 8, which the advisory group now decides on its own.",
    );
    expect(read({ ...entry("decisions.escalated_to_ag"), actorId: null })).toBe(
      "Hum closed call 48 without rough consensus (3 positions, 1 objection standing): the advisory group now decides.",
    );
  });

  it("links what the entry names, and calls the page's own call 'this call'", () => {
    const opened = describeEntry(entry("discussion.thread_opened"), undefined, "en");
    expect(opened.references.subject).toEqual({
      text: "SW-4",
      href: "/standards/iotmark/draft/SW-4",
    });
    expect(opened.references.thread).toEqual({
      text: "“Which keys?”",
      href: `/standards/iotmark/draft/SW-4#thread-${THREAD}`,
    });
    const here = { subjectType: "call", subjectId: "iotmark/3" };
    const taken = describeEntry(entry("decisions.position_taken"), here, "en");
    expect(taken.references.subject).toEqual({ text: "this call", href: null });
    expect(sentence(taken, "en")).toBe(
      "Ana Lima changed their position on this call from objection to no objection.",
    );
    const appointed = describeEntry(entry("community.member_appointed"), undefined, "en");
    expect(appointed.references.group).toEqual({
      text: "advisory group",
      href: "/groups/advisory-group",
    });
  });

  it("quotes the words people wrote under the sentence, and keeps a refusal's code out", () => {
    expect(describeEntry(entry("decisions.position_taken"), undefined, "en").quotes).toEqual([
      { key: "reason", words: "My concern is met." },
    ]);
    expect(describeEntry(entry("access.refused"), undefined, "en").quotes).toEqual([]);
  });

  it("says when a program made the change with an access token, in each language", () => {
    expect(read(entry("discussion.replied"))).toBe(
      "Ana Lima replied in “Which keys?” on SW-4. Through the access token “ci-bot”.",
    );
    const taken = entry("decisions.position_taken", { stance: "support", token: "ci-bot" });
    expect(read(taken)).toBe(
      "Ana Lima took a position on call 3: support. Through the access token “ci-bot”.",
    );
    expect(sentence(describeEntry(taken, undefined, "fr"), "fr")).toContain(
      "Par le jeton d’accès « ci-bot ».",
    );
    expect(sentence(describeEntry(taken, undefined, "de"), "de")).toContain(
      "Über das Zugriffstoken „ci-bot“.",
    );
    expect(read(entry("decisions.position_taken", { stance: "support" }))).not.toContain("token");
  });

  it("names an action Hum no longer records as it was recorded", () => {
    expect(read({ ...entry("auth.signed_in"), action: "drafting.renamed" })).toBe(
      "Ana Lima: drafting.renamed",
    );
  });
});
