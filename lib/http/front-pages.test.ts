import { describe, expect, it } from "vitest";
import { NOTICE_COOKIE } from "@/lib/actions/notice-cookie";
import { documentEachTime, LIVE_CACHE, livePageKey, memberPageKey } from "@/lib/http/front-pages";
import {
  callsTag,
  callTag,
  clauseTag,
  draftTag,
  groupsTag,
  homeTag,
  logTag,
  sectionTag,
  standardTag,
  translationsTag,
} from "@/lib/http/front-tags";

const read = (url: string, cookie = "", headers = {}) => livePageKey("GET", url, cookie, headers);

const standard = standardTag("iotmark");

describe("livePageKey", () => {
  it("keeps each live page under its own address and the tags of what it shows", () => {
    const pages: [string, string, string[]][] = [
      ["/", "/", [homeTag]],
      ["/groups", "/groups", [groupsTag]],
      ["/groups/advisory-group", "/groups/advisory-group", [groupsTag]],
      ["/transparency", "/transparency", [logTag]],
      [
        "/transparency?action=drafting.&subjectType=clause&before=120",
        "/transparency?action=drafting.&subjectType=clause&before=120",
        [logTag],
      ],
      ["/standards/iotmark", "/standards/iotmark", [standard]],
      ["/standards/iotmark?level=Gold", "/standards/iotmark?level=Gold", [standard]],
      ["/standards/iotmark/releases", "/standards/iotmark/releases", [standard]],
      ["/standards/iotmark/draft", "/standards/iotmark/draft", [standard, draftTag("iotmark")]],
      [
        "/standards/iotmark/draft?module=SW&level=Gold",
        "/standards/iotmark/draft?level=Gold&module=SW",
        [standard, draftTag("iotmark")],
      ],
      [
        "/standards/iotmark/frameworks",
        "/standards/iotmark/frameworks",
        [standard, draftTag("iotmark")],
      ],
      [
        "/standards/iotmark/draft/SW-2",
        "/standards/iotmark/draft/SW-2",
        [standard, clauseTag("iotmark", "SW-2")],
      ],
      [
        "/standards/iotmark/draft/SW-2/history?from=1&to=3&view=side",
        "/standards/iotmark/draft/SW-2/history?from=1&to=3&view=side",
        [standard, clauseTag("iotmark", "SW-2")],
      ],
      [
        "/standards/iotmark/draft/sections/scope",
        "/standards/iotmark/draft/sections/scope",
        [standard, sectionTag("iotmark", "scope")],
      ],
      [
        "/standards/iotmark/draft/sections/scope/history",
        "/standards/iotmark/draft/sections/scope/history",
        [standard, sectionTag("iotmark", "scope")],
      ],
      ["/standards/iotmark/calls", "/standards/iotmark/calls", [standard, callsTag("iotmark")]],
      [
        "/standards/iotmark/calls/12?kind=retire_clause&objected=yes",
        "/standards/iotmark/calls/12?kind=retire_clause&objected=yes",
        [standard, callTag("iotmark", 12)],
      ],
      [
        "/standards/iotmark/objections?state=raised",
        "/standards/iotmark/objections?state=raised",
        [standard, callsTag("iotmark"), draftTag("iotmark")],
      ],
    ];
    for (const [url, key, tags] of pages) {
      expect(read(url), url).toEqual({ key, tags, cacheControl: LIVE_CACHE });
    }
  });

  it("keeps a HEAD where it keeps a GET", () => {
    expect(livePageKey("HEAD", "/standards/iotmark/calls", "")?.key).toBe(
      "/standards/iotmark/calls",
    );
  });

  it("leaves out parameters a page does not know, so they cannot make new entries", () => {
    expect(read("/standards/iotmark/draft?cb=1")?.key).toBe("/standards/iotmark/draft");
    expect(read("/standards/iotmark/draft?cb=2")?.key).toBe("/standards/iotmark/draft");
    expect(read("/?utm_source=list&fbclid=x")?.key).toBe("/");
    expect(read("/standards/iotmark/draft?module=SW&cb=9")?.key).toBe(
      "/standards/iotmark/draft?module=SW",
    );
    // A parameter another page knows is unknown here.
    expect(read("/standards/iotmark/draft/SW-2?level=Gold")?.key).toBe(
      "/standards/iotmark/draft/SW-2",
    );
    // An empty value shows what no value shows.
    expect(read("/standards/iotmark/draft?level=")?.key).toBe("/standards/iotmark/draft");
  });

  it("keeps nothing for a known parameter given twice or with a value the page refuses", () => {
    for (const url of [
      "/standards/iotmark/draft?level=Gold&level=Silver",
      "/standards/iotmark/draft?module=S%20W",
      "/standards/iotmark/draft?level=%3Cscript%3E",
      "/standards/iotmark/draft/SW-2/history?from=0",
      "/standards/iotmark/draft/SW-2/history?view=wide",
      "/standards/iotmark/calls/3?view=inline&view=side",
      "/standards/iotmark/calls/3?kind=Retire",
      "/transparency?before=0",
      "/transparency?action=drafting",
    ]) {
      expect(read(url), url).toBeNull();
    }
  });

  it("keeps nothing for a signed-in reader, a write, or a client navigation's payload", () => {
    const page = "/standards/iotmark/draft";
    expect(read(page, "authjs.session-token=abc")).toBeNull();
    expect(read(page, "theme=dark; __Secure-authjs.session-token=abc")).toBeNull();
    expect(livePageKey("POST", page, "")).toBeNull();
    expect(read(page, "", { rsc: "1" })).toBeNull();
    expect(read(`${page}?_rsc=abc`)).toBeNull();
    expect(read(`${page}?module=SW&_rsc=abc`)).toBeNull();
    // Other cookies do not name the reader.
    expect(read(page, "theme=dark; authjs.csrf-token=x")?.key).toBe(page);
  });

  it("draws the page after an action for its reader, who is told what was done", () => {
    expect(read("/", `${NOTICE_COOKIE}=signed-out`)).toBeNull();
    expect(read("/", `theme=dark; ${NOTICE_COOKIE}=x`)).toBeNull();
    expect(read("/", `not-${NOTICE_COOKIE}=x`)?.key).toBe("/");
  });

  it("keeps nothing for other addresses", () => {
    for (const url of [
      "/standards/import",
      "/standards/Iotmark",
      "/standards/iotmark/draft/sw-2",
      "/standards/iotmark/draft/SW-0",
      "/standards/iotmark/calls/new",
      "/standards/iotmark/calls/0",
      "/standards/iotmark/v/1.0.0",
      "/standards/iotmark/v/1.1.0/translations/fr/edit",
      "/standards/iotmark/v/1.1.0/translations/fr.json",
      "/decisions",
      "/inbox",
      "/profile",
      "/registry",
      "/transparency/",
    ]) {
      expect(read(url), url).toBeNull();
    }
  });

  it("keeps a release's translation and its clauses under the translations' tag", () => {
    for (const url of [
      "/standards/iotmark/v/1.1.0/translations/fr",
      "/standards/iotmark/v/1.1.0/translations/de/SW-2",
    ]) {
      expect(read(`${url}?x=1`), url).toEqual({
        key: url,
        tags: [standard, translationsTag],
        cacheControl: LIVE_CACHE,
      });
    }
  });

  it("keeps the sign-in page, but not with a page to return to", () => {
    expect(read("/sign-in")?.key).toBe("/sign-in");
    expect(read("/sign-in?utm_source=list")?.key).toBe("/sign-in");
    expect(read("/sign-in?next=%2Finbox")).toBeNull();
    expect(read("/sign-in", "authjs.session-token=abc")).toBeNull();
  });
});

describe("documentEachTime", () => {
  it("names the documents drawn for each reader", () => {
    expect(documentEachTime("/standards/iotmark/v/1.1.0?framework=etsi")).toBe(true);
    expect(documentEachTime("/standards/iotmark/v/1.1.0?provision=5.1-1")).toBe(true);
    expect(documentEachTime("/sign-in?next=%2Finbox")).toBe(true);
  });

  it("leaves out everything else", () => {
    for (const url of [
      "/standards/iotmark/v/1.1.0",
      "/standards/iotmark/v/1.1.0?level=gold",
      "/standards/iotmark/v/1.1.0/SW-1?framework=etsi",
      "/sign-in",
      "/sign-in?utm=1",
      "/sign-in/check-email?next=%2F",
      "/inbox?next=%2F",
    ]) {
      expect(documentEachTime(url), url).toBe(false);
    }
  });
});

describe("memberPageKey", () => {
  const session = "authjs.session-token=abc-123";
  const member = (url: string, cookie = session, headers = {}) =>
    memberPageKey("GET", url, cookie, headers);

  it("keeps a member's call and clause pages under the live page's address and tags", () => {
    expect(member("/standards/iotmark/calls/42?view=side&cb=7")).toEqual({
      key: "/standards/iotmark/calls/42?view=side",
      tags: [standard, callTag("iotmark", "42")],
      cacheControl: LIVE_CACHE,
      token: "abc-123",
      page: { kind: "call", slug: "iotmark", number: 42 },
    });
    expect(member("/standards/iotmark/draft/DATA-1", `hum-locale=fr; __Secure-${session}`)).toEqual(
      {
        key: "/standards/iotmark/draft/DATA-1",
        tags: [standard, clauseTag("iotmark", "DATA-1")],
        cacheControl: LIVE_CACHE,
        token: "abc-123",
        page: { kind: "clause", slug: "iotmark", ref: "DATA-1" },
      },
    );
  });

  it("leaves every other read to Next.js, drawn for the reader", () => {
    expect(member("/standards/iotmark/calls/42", "")).toBeNull(); // nobody signed in
    expect(member("/standards/iotmark/calls/42", `${session}; ${NOTICE_COOKIE}=x`)).toBeNull();
    expect(member("/standards/iotmark/calls/42", session, { rsc: "1" })).toBeNull();
    expect(member("/standards/iotmark/calls/42?_rsc=abc")).toBeNull();
    expect(member("/standards/iotmark/calls/42?personal=1")).toBeNull(); // no scripts
    expect(member("/standards/iotmark/draft/DATA-1?form=reply-abc")).toBeNull(); // nor here
    expect(member("/standards/iotmark/calls/42?view=side&view=inline")).toBeNull();
    expect(member("/standards/iotmark/draft/DATA-1/history")).toBeNull();
    expect(member("/standards/iotmark/draft")).toBeNull();
    expect(member("/groups")).toBeNull();
    expect(member("/standards/iotmark/calls/42", "authjs.session-token.0=abc")).toBeNull();
    expect(member("/standards/iotmark/calls/42", "authjs.session-token=%E0%A4%A")).toBeNull();
    expect(memberPageKey("POST", "/standards/iotmark/calls/42", session)).toBeNull();
  });

  it("reads the session Auth.js reads: the secure cookie when there is one", () => {
    const cookie = "authjs.session-token=planted; __Secure-authjs.session-token=own";
    expect(member("/standards/iotmark/calls/42", cookie)?.token).toBe("own");
  });
});
