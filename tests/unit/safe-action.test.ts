import { redirect } from "next/navigation";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { Viewer } from "@/lib/community/viewer";
import { DomainError } from "@/lib/errors";

// The pipeline around an action, without a request: who is signed in, and the router refresh.
const session = vi.hoisted(() => ({ viewer: null as Viewer | null }));
const refresh = vi.hoisted(() => vi.fn());
vi.mock("@/lib/community/request-viewer", () => ({ getViewer: async () => session.viewer }));
vi.mock("next/cache", () => ({ refresh }));
const { defineAction } = await import("@/lib/actions/safe-action");

const ann: Viewer = { id: "ann", name: "Ann", hasName: true, isSecretariat: false, roles: [] };
const schema = z.object({ title: z.string({ error: "required" }) });
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

beforeEach(() => {
  session.viewer = null;
  refresh.mockClear();
});

describe("a signed-in action (the default)", () => {
  const run = vi.fn(async (input: { title: string }, participant: { id: string }) => {
    if (input.title === "taken") throw new DomainError("conflict");
    if (input.title === "go") redirect("/elsewhere");
    return `${participant.id}: ${input.title}`;
  });
  const action = defineAction({ name: "test", schema, run });

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
    expect(await action(null, form({ title: "Hello" }))).toEqual({ ok: true, data: "ann: Hello" });
    expect(refresh).toHaveBeenCalledOnce();
  });

  it("refreshes nothing when the input or the mutation is refused", async () => {
    session.viewer = ann;
    expect(await action(null, form({}))).toMatchObject({ code: "invalid_input" });
    expect(await action(null, form({ title: "taken" }))).toMatchObject({ code: "conflict" });
    expect(refresh).not.toHaveBeenCalled();
  });

  it("refreshes before passing on a redirect the mutation ends with", async () => {
    session.viewer = ann;
    await expect(action(null, form({ title: "go" }))).rejects.toMatchObject({
      digest: expect.stringContaining("/elsewhere"),
    });
    expect(refresh).toHaveBeenCalledOnce();
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
    });
    expect(await action(null, form({ title: "x" }))).toEqual({ ok: true, data: undefined });
    session.viewer = ann;
    expect(await action(null, form({ title: "x" }))).toEqual({ ok: true, data: undefined });
    expect(seen).toEqual([null, "ann"]);
    expect(refresh).not.toHaveBeenCalled();
  });
});
