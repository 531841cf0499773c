import { describe, expect, it } from "vitest";
import { createLiveStore, LIVE_MAX_AGE_MS } from "@/lib/http/front-live";
import { everything } from "@/lib/http/front-tags";

type Page = { body: string };
type Refused = { status: number };
const isPage = (x: Page | Refused): x is Page => "body" in x;

/** A render the test finishes when it chooses, to place a change while it runs. */
function deferred() {
  let finish: (page: Page | Refused) => void = () => {};
  const promise = new Promise<Page | Refused>((resolve) => {
    finish = resolve;
  });
  return { promise, finish };
}

function store(now = () => 0) {
  const live = createLiveStore<Page, Refused>(isPage, now);
  const renders: string[] = [];
  const fill = (key: string, tags: string[], body = key) =>
    live.fill(key, tags, async () => {
      renders.push(key);
      return { body };
    });
  return { live, renders, fill };
}

describe("createLiveStore", () => {
  it("renders a page once for every reader who asks while it renders, then keeps it", async () => {
    const { live, renders, fill } = store();
    const answers = await Promise.all([fill("/a", ["a"]), fill("/a", ["a"]), fill("/a", ["a"])]);
    expect(answers).toEqual([{ body: "/a" }, { body: "/a" }, { body: "/a" }]);
    expect(renders).toEqual(["/a"]);
    expect(live.fresh("/a")).toEqual({ body: "/a" });
    expect(live.size()).toBe(1);
  });

  it("does not keep an answer that is not a page", async () => {
    const live = createLiveStore<Page, Refused>(isPage, () => 0);
    expect(await live.fill("/missing", ["a"], async () => ({ status: 404 }))).toEqual({
      status: 404,
    });
    expect(live.fresh("/missing")).toBeUndefined();
  });

  it("forgets only the pages showing a touched tag", async () => {
    const { live, fill } = store();
    await fill("/draft", ["standard:s", "draft:s"]);
    await fill("/clause-a", ["standard:s", "clause:s/A-1"]);
    await fill("/clause-b", ["standard:s", "clause:s/A-2"]);
    await fill("/other", ["standard:t", "draft:t"]);
    live.touch(["draft:s", "clause:s/A-1"]);
    expect(live.fresh("/draft")).toBeUndefined();
    expect(live.fresh("/clause-a")).toBeUndefined();
    expect(live.fresh("/clause-b")).toEqual({ body: "/clause-b" });
    expect(live.fresh("/other")).toEqual({ body: "/other" });
    live.touch(["standard:s"]);
    expect(live.fresh("/clause-b")).toBeUndefined();
    expect(live.fresh("/other")).toEqual({ body: "/other" });
    live.touch([]);
    live.touch(["nothing-shows-this"]);
    expect(live.size()).toBe(1);
  });

  it("forgets a page again after it was kept anew under the same tag", async () => {
    const { live, fill } = store();
    await fill("/a", ["a"]);
    live.touch(["a"]);
    await fill("/a", ["a"]);
    expect(live.fresh("/a")).toBeDefined();
    live.touch(["a"]);
    expect(live.fresh("/a")).toBeUndefined();
  });

  it("forgets every page when everything is touched", async () => {
    const { live, fill } = store();
    await fill("/a", ["a"]);
    await fill("/b", ["b"]);
    live.touch([everything]);
    expect(live.size()).toBe(0);
    expect(live.fresh("/a")).toBeUndefined();
    expect(live.fresh("/b")).toBeUndefined();
  });

  it("answers the waiting readers with a render begun before a change, but does not keep it", async () => {
    const live = createLiveStore<Page, Refused>(isPage, () => 0);
    const before = deferred();
    const first = live.fill("/a", ["a"], () => before.promise);
    const waiting = live.fill("/a", ["a"], () => Promise.resolve({ body: "never asked" }));
    live.touch(["a"]);
    // A reader who comes after the change does not wait for the render begun before it.
    const after = live.fill("/a", ["a"], async () => ({ body: "after" }));
    before.finish({ body: "before" });
    expect(await first).toEqual({ body: "before" });
    expect(await waiting).toEqual({ body: "before" });
    expect(await after).toEqual({ body: "after" });
    expect(live.fresh("/a")).toEqual({ body: "after" });
  });

  it("does not let a render begun before a change replace one begun after it", async () => {
    const live = createLiveStore<Page, Refused>(isPage, () => 0);
    const before = deferred();
    const old = live.fill("/a", ["a"], () => before.promise);
    live.touch(["a"]);
    await live.fill("/a", ["a"], async () => ({ body: "after" }));
    before.finish({ body: "before" });
    await old;
    expect(live.fresh("/a")).toEqual({ body: "after" });
  });

  it("keeps a render begun before a change to something it does not show", async () => {
    const live = createLiveStore<Page, Refused>(isPage, () => 0);
    const render = deferred();
    const filling = live.fill("/a", ["a"], () => render.promise);
    live.touch(["b"]);
    render.finish({ body: "a" });
    await filling;
    expect(live.fresh("/a")).toEqual({ body: "a" });
  });

  it("does not keep a render begun before everything was touched", async () => {
    const live = createLiveStore<Page, Refused>(isPage, () => 0);
    const render = deferred();
    const filling = live.fill("/a", ["a"], () => render.promise);
    live.touch([everything]);
    render.finish({ body: "a" });
    expect(await filling).toEqual({ body: "a" });
    expect(live.fresh("/a")).toBeUndefined();
  });

  it("redraws a page kept longer than its maximum age, even if nothing was touched", async () => {
    let time = 1_000;
    const { live, fill, renders } = store(() => time);
    await fill("/a", ["a"]);
    time += LIVE_MAX_AGE_MS - 1;
    expect(live.fresh("/a")).toBeDefined();
    time += 1;
    expect(live.fresh("/a")).toBeUndefined();
    await fill("/a", ["a"]);
    expect(renders).toEqual(["/a", "/a"]);
    expect(live.fresh("/a")).toBeDefined();
  });

  it("passes a failed render on to its readers and keeps nothing", async () => {
    const live = createLiveStore<Page, Refused>(isPage, () => 0);
    const failed = live.fill("/a", ["a"], () => Promise.reject(new Error("upstream down")));
    await expect(failed).rejects.toThrow("upstream down");
    expect(live.fresh("/a")).toBeUndefined();
    expect(await live.fill("/a", ["a"], async () => ({ body: "again" }))).toEqual({
      body: "again",
    });
  });
});
