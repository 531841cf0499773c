import { redirect } from "next/navigation";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { Viewer } from "@/lib/community/viewer";
import { DomainError } from "@/lib/errors";
import { messages } from "@/lib/i18n";

// The pipeline around an action, without a request: who is signed in, the router refresh and
// the cookies the action sets.
const session = vi.hoisted(() => ({ viewer: null as Viewer | null }));
const refresh = vi.hoisted(() => vi.fn());
const setCookie = vi.hoisted(() => vi.fn());
vi.mock("@/lib/community/request-viewer", () => ({ getViewer: async () => session.viewer }));
vi.mock("next/cache", () => ({ refresh }));
vi.mock("next/headers", () => ({ cookies: async () => ({ set: setCookie }) }));
// The reader of these actions reads French: the form is told in French what was done.
vi.mock("next-intl/server", () => ({ getLocale: async () => "fr" }));
const { defineAction } = await import("@/lib/actions/safe-action");
const { decodeNotice, isCatalogueSentence } = await import("@/lib/actions/notice");
const { NOTICE_COOKIE, NOTICE_REDIRECT_SECONDS } = await import("@/lib/actions/notice-cookie");

/** The notice the action handed to the next page, and how long the browser keeps it. */
function recorded() {
  expect(setCookie).toHaveBeenCalledOnce();
  const [name, value, options] = setCookie.mock.calls[0] ?? [];
  expect(name).toBe(NOTICE_COOKIE);
  const { id: _id, ...notice } = decodeNotice(value) ?? { id: "" };
  return { notice, maxAge: (options as { maxAge: number }).maxAge };
}

const ann: Viewer = {
  id: "ann",
  name: "Ann",
  hasName: true,
  isSecretariat: false,
  roles: [],
  language: null,
  timeZone: null,
};
const schema = z.object({ title: z.string({ error: "required" }) });
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

beforeEach(() => {
  session.viewer = null;
  refresh.mockClear();
  setCookie.mockClear();
});

describe("a signed-in action (the default)", () => {
  const run = vi.fn(async (input: { title: string }, participant: { id: string }) => {
    if (input.title === "taken") throw new DomainError("conflict");
    if (input.title === "go") redirect("/elsewhere");
    return `${participant.id}: ${input.title}`;
  });
  const action = defineAction({
    name: "test",
    schema,
    run,
    done: (data, input) => ({
      key: "drafting.added",
      params: { ref: `${data.length}/${input.title}` },
    }),
  });

  it("refuses an anonymous caller before parsing anything", async () => {
    expect(await action(null, form({}))).toEqual({
      ok: false,
      code: "unauthenticated",
      fieldErrors: {},
    });
    expect(run).not.toHaveBeenCalled();
    expect(refresh).not.toHaveBeenCalled();
  });

  it("gives the participant to the mutation and refreshes the router after it", async () => {
    session.viewer = ann;
    expect(await action(null, form({ title: "Hello" }))).toMatchObject({
      ok: true,
      data: "ann: Hello",
    });
    expect(refresh).toHaveBeenCalledOnce();
  });

  it("says what it did, to the form and to the page rendered in the same request", async () => {
    session.viewer = ann;
    const result = await action(null, form({ title: "Hello" }));
    const notice = { key: "drafting.added", params: { ref: "10/Hello" } };
    // The form gets the sentence already worded, under the id of the one the page rendered next
    // reads from the cookie (the same notice both ways is shown once); the browser keeps nothing.
    const { id } = decodeNotice(setCookie.mock.calls[0]?.[1]) ?? {};
    expect(result).toEqual({
      ok: true,
      data: "ann: Hello",
      notice: { id, text: "Clause 10/Hello ajoutée." },
    });
    expect(id).toEqual(expect.any(String));
    expect(recorded()).toEqual({ notice, maxAge: 0 });
  });

  it("refreshes nothing and says nothing when the input or the mutation is refused", async () => {
    session.viewer = ann;
    expect(await action(null, form({}))).toMatchObject({ code: "invalid_input" });
    expect(await action(null, form({ title: "taken" }))).toMatchObject({ code: "conflict" });
    expect(refresh).not.toHaveBeenCalled();
    expect(setCookie).not.toHaveBeenCalled();
  });

  it("refreshes before passing on a redirect the mutation ends with", async () => {
    session.viewer = ann;
    await expect(action(null, form({ title: "go" }))).rejects.toMatchObject({
      digest: expect.stringContaining("/elsewhere"),
    });
    expect(refresh).toHaveBeenCalledOnce();
  });
});

describe("an action that goes elsewhere once done", () => {
  const action = defineAction({
    name: "test",
    schema,
    run: async ({ title }) => title.length,
    done: { key: "notices.callOpened" },
    redirectTo: (length, { title }) => `/calls/${length}-${title}`,
  });

  it("redirects after the refresh, and its notice waits for the page it redirects to", async () => {
    session.viewer = ann;
    await expect(action(null, form({ title: "go" }))).rejects.toMatchObject({
      digest: expect.stringContaining("/calls/2-go"),
    });
    expect(refresh).toHaveBeenCalledOnce();
    expect(recorded()).toEqual({
      notice: { key: "notices.callOpened", params: {} },
      maxAge: NOTICE_REDIRECT_SECONDS,
    });
  });
});

describe("a notice read back from the browser", () => {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

  it("is believed only with a sentence of the catalogue, plain parameters and a path here", () => {
    const good = { id: "1", key: "decisions.voteSaved", params: { n: 2 }, href: "/calls/1" };
    expect(decodeNotice(encode(good))).toEqual(good);
    for (const bad of [
      { ...good, key: "decisions.nothing" },
      { ...good, key: "decisions" },
      { ...good, key: "__proto__.toString" },
      { ...good, href: "//evil.example" },
      { ...good, href: "https://evil.example" },
      { ...good, href: "javascript:alert(1)" },
      { ...good, params: { n: { key: "x" } } },
      { ...good, id: 3 },
    ]) {
      expect(decodeNotice(encode(bad)), JSON.stringify(bad)).toBeNull();
    }
    expect(decodeNotice("not base64 json")).toBeNull();
    expect(decodeNotice(undefined)).toBeNull();
  });

  it("knows a sentence with placeholders in the catalogue as the build hands it over, parsed", () => {
    const built = {
      notices: { watchOn: ["You are watching ", ["target", 1, {}]], plain: "Done." },
    };
    expect(isCatalogueSentence("notices.watchOn", built)).toBe(true);
    expect(isCatalogueSentence("notices.plain", built)).toBe(true);
    expect(isCatalogueSentence("notices", built)).toBe(false);
    expect(isCatalogueSentence("notices.watchOn.0", built)).toBe(false);
    expect(isCatalogueSentence("notices.watchOn", messages)).toBe(true);
  });
});

describe("a public action", () => {
  it("runs for anyone, with the viewer or null, and leaves refreshing to its own answer", async () => {
    const seen: (string | null)[] = [];
    const action = defineAction({
      name: "test",
      schema,
      public: true,
      run: async (_input, viewer) => {
        seen.push(viewer?.id ?? null);
      },
      done: { key: "unsubscribe.done" },
    });
    expect(await action(null, form({ title: "x" }))).toMatchObject({ ok: true, data: undefined });
    session.viewer = ann;
    expect(await action(null, form({ title: "x" }))).toMatchObject({ ok: true, data: undefined });
    expect(seen).toEqual([null, "ann"]);
    expect(refresh).not.toHaveBeenCalled();
  });
});
