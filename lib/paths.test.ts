import { describe, expect, it } from "vitest";
import {
  callPath,
  callSubjectId,
  callsPath,
  callThreadPath,
  checkEmailPath,
  clauseHistoryPath,
  comparisonPath,
  decisionsPath,
  draftClausePath,
  draftMarkdownPath,
  draftPath,
  draftThreadPath,
  emailSettingsPath,
  groupPath,
  groupsPath,
  importStandardPath,
  inboxPath,
  languagePath,
  newCallPath,
  objectionsPath,
  oneClickUnsubscribePath,
  outboxPath,
  profilePath,
  releaseClausePath,
  releaseExportPath,
  releaseFeedPath,
  releasePath,
  releaseSubjectId,
  releasesPath,
  safeLocalPath,
  safeReturnPath,
  secretariatPath,
  signInErrorPath,
  signInPath,
  standardPath,
  threadAnchor,
  transparencyPath,
  unsubscribePath,
  waitingDecisionsPath,
  welcomePath,
} from "@/lib/paths";

const thread = "0b7c9e1e-2f43-4b8e-9d7a-3c1f5e6a7b80";

describe("standard and draft addresses", () => {
  it("builds each from the slug and the clause reference", () => {
    expect(standardPath("iotmark")).toBe("/standards/iotmark");
    expect(importStandardPath()).toBe("/standards/import");
    expect(draftPath("iotmark")).toBe("/standards/iotmark/draft");
    expect(draftMarkdownPath("iotmark")).toBe("/standards/iotmark/draft.md");
    expect(draftClausePath("iotmark", "SW-4")).toBe("/standards/iotmark/draft/SW-4");
    expect(clauseHistoryPath("iotmark", "SW-4")).toBe("/standards/iotmark/draft/SW-4/history");
    expect(objectionsPath("iotmark")).toBe("/standards/iotmark/objections");
    expect(threadAnchor(thread)).toBe(`thread-${thread}`);
    expect(draftThreadPath("iotmark", "SW-4", thread)).toBe(
      `/standards/iotmark/draft/SW-4#thread-${thread}`,
    );
  });

  it("puts the draft's module and level in the query, as a form would", () => {
    expect(draftPath("iotmark", { module: "SW" })).toBe("/standards/iotmark/draft?module=SW");
    expect(draftPath("iotmark", { level: "Level 1" })).toBe(
      "/standards/iotmark/draft?level=Level+1",
    );
    expect(draftPath("iotmark", { module: "SW", level: "L&2" })).toBe(
      "/standards/iotmark/draft?module=SW&level=L%262",
    );
  });
});

describe("call addresses", () => {
  it("numbers calls per standard", () => {
    expect(callsPath("iotmark")).toBe("/standards/iotmark/calls");
    expect(callPath("iotmark", 12)).toBe("/standards/iotmark/calls/12");
    expect(callSubjectId("iotmark", 12)).toBe("iotmark/12");
    expect(callThreadPath("iotmark", 12, thread)).toBe(
      `/standards/iotmark/calls/12#thread-${thread}`,
    );
  });

  it("opens a new call about a clause when one is named", () => {
    expect(newCallPath("iotmark")).toBe("/standards/iotmark/calls/new");
    expect(newCallPath("iotmark", "SW-4")).toBe("/standards/iotmark/calls/new?clause=SW-4");
  });
});

describe("release addresses", () => {
  it("builds each from the slug, the version and the clause reference", () => {
    expect(releasesPath("iotmark")).toBe("/standards/iotmark/releases");
    expect(releasePath("iotmark", "1.2.0")).toBe("/standards/iotmark/v/1.2.0");
    expect(releaseClausePath("iotmark", "1.2.0", "SW-4")).toBe("/standards/iotmark/v/1.2.0/SW-4");
    expect(releaseExportPath("iotmark", "1.2.0", "md")).toBe("/standards/iotmark/v/1.2.0.md");
    expect(releaseExportPath("iotmark", "1.2.0", "json")).toBe("/standards/iotmark/v/1.2.0.json");
    expect(comparisonPath("iotmark", "1.0.0", "1.1.0")).toBe(
      "/standards/iotmark/compare/1.0.0...1.1.0",
    );
    expect(releaseFeedPath("iotmark")).toBe("/standards/iotmark/feed.xml");
    expect(releaseSubjectId("iotmark", "1.2.0")).toBe("iotmark/1.2.0");
  });

  it("escapes a level filter as the release front files it (%20, not +)", () => {
    expect(releasePath("iotmark", "1.2.0", "Level 1")).toBe(
      "/standards/iotmark/v/1.2.0?level=Level%201",
    );
  });
});

describe("community, record and account addresses", () => {
  it("builds each", () => {
    expect(decisionsPath()).toBe("/decisions");
    expect(waitingDecisionsPath()).toBe("/decisions/waiting");
    expect(groupsPath()).toBe("/groups");
    expect(groupPath("advisory-group")).toBe("/groups/advisory-group");
    expect(profilePath()).toBe("/profile");
    expect(inboxPath()).toBe("/inbox");
    expect(emailSettingsPath()).toBe("/inbox#email");
    expect(secretariatPath()).toBe("/secretariat");
    expect(signInPath()).toBe("/sign-in");
    expect(checkEmailPath()).toBe("/sign-in/check-email");
    expect(checkEmailPath("/decisions")).toBe("/sign-in/check-email?next=%2Fdecisions");
    expect(checkEmailPath("//elsewhere.example")).toBe("/sign-in/check-email");
    expect(signInErrorPath()).toBe("/sign-in/error");
    expect(outboxPath()).toBe("/dev/outbox");
    expect(unsubscribePath("w.u.sig-_")).toBe("/unsubscribe/w.u.sig-_");
    expect(oneClickUnsubscribePath("w.u.sig-_")).toBe("/unsubscribe/w.u.sig-_/one-click");
  });

  it("filters and pages the public record in a stable order", () => {
    expect(transparencyPath()).toBe("/transparency");
    expect(transparencyPath({ before: 40 })).toBe("/transparency?before=40");
    expect(transparencyPath({ subjectType: "call", action: "decisions.", before: 7 })).toBe(
      "/transparency?action=decisions.&subjectType=call&before=7",
    );
  });
});

describe("segments chosen by people", () => {
  it("stay one segment each, whatever they hold", () => {
    expect(standardPath("a/b")).toBe("/standards/a%2Fb");
    expect(draftClausePath("x", "SW-4?#")).toBe("/standards/x/draft/SW-4%3F%23");
    expect(releasePath("x", "1.0.0/..")).toBe("/standards/x/v/1.0.0%2F..");
    expect(releaseClausePath("x", "1.0.0", "A B")).toBe("/standards/x/v/1.0.0/A%20B");
    expect(comparisonPath("x", "1/0", "2?0")).toBe("/standards/x/compare/1%2F0...2%3F0");
    expect(newCallPath("x", "SW-4&y=1")).toBe("/standards/x/calls/new?clause=SW-4%26y%3D1");
    expect(callPath("a b", 1)).toBe("/standards/a%20b/calls/1");
    expect(groupPath("a/b")).toBe("/groups/a%2Fb");
    expect(unsubscribePath("a/b")).toBe("/unsubscribe/a%2Fb");
  });
});

describe("the return path after signing in", () => {
  it("keeps a path on this site, with its query", () => {
    expect(safeReturnPath("/standards/iotmark/draft/SW-4")).toBe("/standards/iotmark/draft/SW-4");
    expect(safeReturnPath("/standards/iotmark/draft?module=SW&level=Gold")).toBe(
      "/standards/iotmark/draft?module=SW&level=Gold",
    );
    expect(safeReturnPath("/standards/iotmark/calls/3#objections")).toBe(
      "/standards/iotmark/calls/3",
    );
    expect(safeReturnPath("/inbox")).toBe("/inbox");
  });

  it.each([
    ["an absolute address", "https://evil.example/standards"],
    ["an address without its scheme", "//evil.example/standards"],
    ["a backslash browsers read as a slash", "/\\evil.example"],
    ["a backslash further in", "/a\\..\\..\\evil.example"],
    ["a tab browsers drop", "/\t/evil.example"],
    ["a line break", "/inbox\nLocation: https://evil.example"],
    ["a script", "javascript:alert(1)"],
    ["a relative path", "standards/iotmark"],
    ["nothing", ""],
    ["something else than text", ["/inbox"]],
    ["an address too long to be a page", `/${"a".repeat(2000)}`],
  ])("refuses %s", (_, value) => {
    expect(safeReturnPath(value)).toBeUndefined();
  });

  it("refuses the home page, the sign-in pages and the Auth.js routes: the welcome page is better", () => {
    for (const path of [
      "/",
      "/?x=1",
      "/sign-in",
      "/sign-in/check-email",
      "/api/auth/signout",
      "/standards/../api/auth/signout",
    ]) {
      expect(safeReturnPath(path)).toBeUndefined();
    }
    expect(safeReturnPath("/sign-ins")).toBe("/sign-ins");
  });

  it("is carried by the sign-in and welcome addresses, which drop one that is not safe", () => {
    expect(signInPath("/standards/iotmark/draft/SW-4")).toBe(
      "/sign-in?next=%2Fstandards%2Fiotmark%2Fdraft%2FSW-4",
    );
    expect(welcomePath("/inbox")).toBe("/welcome?next=%2Finbox");
    expect(signInPath("//evil.example")).toBe("/sign-in");
    expect(welcomePath("https://evil.example")).toBe("/welcome");
    expect(welcomePath(undefined, { saved: true })).toBe("/welcome?saved=1");
  });
});

describe("addresses of changes, in a view", () => {
  it("compares two revisions of a clause at the page's changes section", () => {
    expect(clauseHistoryPath("iotmark", "DATA-1", { from: 2, to: 4 })).toBe(
      "/standards/iotmark/draft/DATA-1/history?from=2&to=4#changes",
    );
    expect(clauseHistoryPath("iotmark", "DATA-1", { from: 2, to: 4, view: "side" })).toBe(
      "/standards/iotmark/draft/DATA-1/history?from=2&to=4&view=side#changes",
    );
  });

  it("opens a comparison in a view and at one clause", () => {
    expect(comparisonPath("iotmark", "1.0.0", "1.1.0", { view: "side" })).toBe(
      "/standards/iotmark/compare/1.0.0...1.1.0?view=side",
    );
    expect(comparisonPath("iotmark", "1.0.0", "1.1.0", { ref: "DATA-1" })).toBe(
      "/standards/iotmark/compare/1.0.0...1.1.0#DATA-1",
    );
  });

  it("needs no parameter for the automatic view", () => {
    expect(callPath("iotmark", 3, "auto")).toBe("/standards/iotmark/calls/3");
    expect(callPath("iotmark", 3, "inline")).toBe("/standards/iotmark/calls/3?view=inline");
    expect(comparisonPath("iotmark", "1.0.0", "1.1.0", { view: "auto" })).toBe(
      "/standards/iotmark/compare/1.0.0...1.1.0",
    );
  });
});

describe("the language switcher's links", () => {
  it("go back to the page they are on, the sign-in pages included", () => {
    expect(languagePath("fr", "/standards/iotmark/draft?module=SW")).toBe(
      "/language/fr?back=%2Fstandards%2Fiotmark%2Fdraft%3Fmodule%3DSW",
    );
    expect(languagePath("de", "/sign-in?next=%2Finbox")).toBe(
      "/language/de?back=%2Fsign-in%3Fnext%3D%252Finbox",
    );
  });

  it("name no page for the home page or one that is not safe", () => {
    expect(languagePath("en", "/")).toBe("/language/en");
    expect(languagePath("en", undefined)).toBe("/language/en");
    expect(languagePath("en", "//evil.example")).toBe("/language/en");
    expect(languagePath("en", "https://evil.example/")).toBe("/language/en");
  });

  it("accept as a page to go back to only a path on this site", () => {
    expect(safeLocalPath("/sign-in")).toBe("/sign-in");
    expect(safeLocalPath("/")).toBe("/");
    for (const unsafe of ["//evil.example", "/\\evil.example", "/\t/evil.example", "http://x"]) {
      expect(safeLocalPath(unsafe)).toBeUndefined();
    }
  });
});
