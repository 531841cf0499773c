import { describe, expect, it } from "vitest";
import { type AuditAction, auditActions } from "@/lib/audit/rules";
import { type Place, parseAnnouncement, tagsOfAudit, tagsOfPlace } from "@/lib/freshness/changes";
import {
  callsTag,
  callTag,
  clauseTag,
  draftTag,
  everything,
  logTag,
  registryTag,
  sectionTag,
  standardTag,
  translationsTag,
} from "@/lib/http/front-tags";

/**
 * What each audited change reaches, decided once per action: a new action fails the coverage
 * test below until it is placed here.
 */
type Reach =
  | "log" // only the transparency log: sign-ins, refusals, joining
  | "registry" // the registry's pages
  | "translations" // a release's translations, while they are translated
  | "everything" // names, roles, standards themselves, releases, charters
  | "standard" // a decision that moves clauses: every page of its standard
  | "call" // one call's record: that call and the lists of calls
  | "place"; // the clause, section or call it concerns

const reach: Record<AuditAction, Reach> = {
  "auth.signed_in": "log",
  "auth.signed_out": "log",
  "auth.sign_in_refused": "log",
  "access.refused": "log",
  "community.joined": "log",
  "community.profile_updated": "everything",
  "community.member_appointed": "everything",
  "community.membership_ended": "everything",
  "community.secretariat_granted": "everything",
  "community.secretariat_revoked": "everything",
  "drafting.standard_created": "everything",
  "drafting.clause_added": "place",
  "drafting.clause_changed": "place",
  "drafting.clause_moved": "place",
  "drafting.clause_retired": "place",
  "drafting.revision_saved": "place",
  "drafting.standard_imported": "everything",
  "drafting.later_text_imported": "everything",
  "drafting.revision_restored": "place",
  "drafting.section_added": "place",
  "drafting.section_renamed": "place",
  "drafting.section_moved": "place",
  "drafting.section_revision_saved": "place",
  "drafting.section_retired": "place",
  "drafting.framework_added": "place",
  "drafting.mapping_added": "place",
  "drafting.mapping_removed": "place",
  "discussion.thread_opened": "place",
  "discussion.objection_raised": "place",
  "discussion.replied": "place",
  "discussion.thread_resolved": "place",
  "discussion.thread_reopened": "place",
  "discussion.comment_hidden": "place",
  "discussion.objection_withdrawn": "place",
  "discussion.objection_sustained": "place",
  "decisions.call_opened": "standard",
  "decisions.position_taken": "call",
  "decisions.position_reason_hidden": "call",
  "decisions.consensus": "standard",
  "decisions.partly_adopted": "standard",
  "decisions.change_escalated": "standard",
  "decisions.escalated_to_ag": "standard",
  "decisions.withdrawn": "standard",
  "decisions.vote_cast": "call",
  "decisions.recused": "call",
  "decisions.ag_decided": "standard",
  "decisions.escalated_to_sc": "standard",
  "decisions.appealed": "standard",
  "decisions.ag_decision_final": "standard",
  "decisions.sc_ruled": "standard",
  "decisions.charter_changed": "everything",
  "decisions.revision_adopted": "standard",
  "decisions.section_adopted": "standard",
  "decisions.clause_retired": "standard",
  "decisions.clause_restored": "standard",
  "decisions.clause_moved": "standard",
  "decisions.section_retired": "standard",
  "releases.published": "everything",
  "releases.withdrawn": "everything",
  "releases.translation_started": "everything",
  "releases.clause_translated": "translations",
  "releases.translation_published": "everything",
  "registry.organisation_registered": "registry",
  "registry.representative_invited": "registry",
  "registry.representative_added": "registry",
  "registry.representative_ended": "registry",
  "registry.domain_verified": "registry",
  "registry.declaration_published": "registry",
  "registry.declaration_reaffirmed": "registry",
  "registry.declaration_reviewed": "registry",
  "registry.declaration_listed": "registry",
  "registry.declaration_withdrawn": "registry",
  "registry.declaration_lapsed": "registry",
  "registry.transition_ended": "registry",
  "registry.organisation_updated": "registry",
  "registry.challenge_filed": "registry",
  "registry.misuse_reported": "registry",
  "registry.challenge_responded": "registry",
  "registry.challenge_withdrawn": "registry",
  "registry.challenge_escalated_to_ag": "registry",
  "registry.challenge_vote_cast": "registry",
  "registry.challenge_recused": "registry",
  "registry.challenge_ag_decided": "registry",
  "registry.challenge_escalated_to_sc": "registry",
  "registry.challenge_appealed": "registry",
  "registry.challenge_decision_final": "registry",
  "registry.challenge_sc_ruled": "registry",
  "registry.declaration_struck_off": "registry",
  "registry.relisting_leave_granted": "registry",
  // A survey has no place of its own yet: its entries touch everything.
  "reviews.survey_created": "place",
  "reviews.survey_opened": "place",
  "reviews.survey_closed": "place",
  "reviews.results_published": "place",
  "reviews.review_opened": "place",
  "reviews.conclusions_proposed": "place",
  "reviews.concluded": "place",
};

const clause: Place = { standard: "iotmark", clause: "SW-2" };
const section: Place = { standard: "iotmark", section: "scope" };
const call: Place = { standard: "iotmark", call: 7 };
const standardOnly: Place = { standard: "iotmark" };

const sorted = (tags: string[]) => [...tags].sort();

describe("tagsOfAudit", () => {
  it("has decided the reach of every action Hum records", () => {
    expect(Object.keys(reach).sort()).toEqual([...auditActions].sort());
  });

  for (const action of auditActions) {
    it(`${action} touches what its pages show`, () => {
      const expected = reach[action];
      for (const place of [clause, section, call, standardOnly]) {
        const tags = tagsOfAudit(action, [place]);
        // Every audited change is on the transparency log, first.
        expect(tags[0]).toBe(logTag);
        expect(new Set(tags).size).toBe(tags.length);
        if (expected === "log") expect(tags).toEqual([logTag]);
        if (expected === "registry") expect(tags).toEqual([logTag, registryTag]);
        if (expected === "translations") expect(tags).toEqual([logTag, translationsTag]);
        if (expected === "everything") expect(tags).toEqual([logTag, everything]);
        if (expected === "standard") expect(tags).toEqual([logTag, standardTag("iotmark")]);
        if (expected === "call" || expected === "place") {
          expect(sorted(tags)).toEqual(sorted([logTag, ...tagsOfPlace(place)]));
        }
      }
      // An entry whose place could not be found touches everything it might concern.
      const unplaced = tagsOfAudit(action, []);
      if (expected === "log") expect(unplaced).toEqual([logTag]);
      else if (expected === "registry") expect(unplaced).toEqual([logTag, registryTag]);
      else if (expected === "translations") expect(unplaced).toEqual([logTag, translationsTag]);
      else expect(unplaced).toEqual([logTag, everything]);
    });
  }

  it("gives a position the call and the list of calls, and nothing of another call", () => {
    const tags = tagsOfAudit("decisions.position_taken", [call]);
    expect(sorted(tags)).toEqual(sorted([logTag, callsTag("iotmark"), callTag("iotmark", 7)]));
    expect(tags).not.toContain(callTag("iotmark", 8));
    expect(tags).not.toContain(standardTag("iotmark"));
  });

  it("gives a reply in a clause's thread that clause and the draft, not another clause", () => {
    const tags = tagsOfAudit("discussion.thread_opened", [clause]);
    expect(sorted(tags)).toEqual(
      sorted([logTag, draftTag("iotmark"), clauseTag("iotmark", "SW-2")]),
    );
    expect(tags).not.toContain(clauseTag("iotmark", "SW-3"));
  });

  it("gives an objection to a clause's call both the clause and the call", () => {
    const tags = tagsOfAudit("discussion.objection_raised", [clause, call]);
    expect(sorted(tags)).toEqual(
      sorted([
        logTag,
        draftTag("iotmark"),
        clauseTag("iotmark", "SW-2"),
        callsTag("iotmark"),
        callTag("iotmark", 7),
      ]),
    );
  });

  it("names each standard a decision spans once", () => {
    const other: Place = { standard: "other", clause: "A-1" };
    expect(sorted(tagsOfAudit("decisions.consensus", [call, clause, other]))).toEqual(
      sorted([logTag, standardTag("iotmark"), standardTag("other")]),
    );
  });

  it("treats an action Hum no longer records like any other of its category", () => {
    expect(tagsOfAudit("auth.something_old", [])).toEqual([logTag]);
    expect(tagsOfAudit("registry.something_old", [])).toEqual([logTag, registryTag]);
    expect(tagsOfAudit("releases.something_old", [clause])).toEqual([logTag, everything]);
    expect(tagsOfAudit("decisions.something_old", [clause])).toEqual([
      logTag,
      standardTag("iotmark"),
    ]);
    expect(tagsOfAudit("unknown.thing", [])).toEqual([logTag, everything]);
  });
});

describe("tagsOfPlace", () => {
  it("names the pages showing a clause, a section, a call, or the whole standard", () => {
    expect(tagsOfPlace(clause)).toEqual([draftTag("iotmark"), clauseTag("iotmark", "SW-2")]);
    expect(tagsOfPlace(section)).toEqual([draftTag("iotmark"), sectionTag("iotmark", "scope")]);
    expect(tagsOfPlace(call)).toEqual([callsTag("iotmark"), callTag("iotmark", 7)]);
    expect(tagsOfPlace(standardOnly)).toEqual([standardTag("iotmark")]);
  });
});

describe("parseAnnouncement", () => {
  it("reads what the database announces", () => {
    expect(parseAnnouncement("12 audit 345")).toEqual({ sequence: 12, kind: "audit", id: "345" });
    const id = "0b9e5a52-5f4e-4d8c-9b43-0f0d8c6f4a11";
    for (const kind of ["thread", "clause", "section"] as const) {
      expect(parseAnnouncement(`3 ${kind} ${id}`)).toEqual({ sequence: 3, kind, id });
    }
    expect(parseAnnouncement("4 registry")).toEqual({ sequence: 4, kind: "registry", id: "" });
  });

  it("ignores anything else", () => {
    for (const payload of [
      "",
      "audit 3",
      "x audit 3",
      "-1 audit 3",
      "1.5 audit 3",
      "1234567890123456789 audit 3",
      "3 user 1",
      "3",
    ]) {
      expect(parseAnnouncement(payload)).toBeNull();
    }
  });
});
