import { readFileSync } from "node:fs";
import path from "node:path";
import type { ReactElement, ReactNode } from "react";
import { describe, expect, it } from "vitest";
import { ClientMessages } from "@/components/client-messages";
import { catalogues, formMessagePaths, messages, pickMessages } from "@/lib/i18n";
import { locales } from "@/lib/locale";
import { clientModules, keysRead, missing, parse, root, sourceFiles } from "@/tests/client-keys";

// A layout that hands its client components part of the catalogue (components/client-messages.tsx)
// must hand them every message they may read: a missing one shows as its key, and logs an error.

/**
 * The layouts that hand over part of the catalogue, each with its paths: a layout is called as
 * React would call it, and returns the ClientMessages element with its props.
 */
async function selectiveLayouts(): Promise<{ dir: string; paths: string[] | undefined }[]> {
  const files = sourceFiles(path.join(root, "app")).filter(
    (file) =>
      path.basename(file) === "layout.tsx" &&
      /<ClientMessages\s+paths=/.test(readFileSync(file, "utf8")),
  );
  return Promise.all(
    files.map(async (file) => {
      const { default: Layout } = (await import(file)) as {
        default: (props: { children: ReactNode }) => ReactElement<{ paths?: string[] }>;
      };
      const element = Layout({ children: null });
      const paths = element.type === ClientMessages ? element.props.paths : undefined;
      return { dir: path.relative(root, path.dirname(file)), paths };
    }),
  );
}

const layouts = await selectiveLayouts();

describe("the catalogue a layout hands its client components", () => {
  it("is chosen by the layouts of call and clause pages, which are read here", () => {
    const dirs = layouts.map((layout) => layout.dir);
    expect(dirs).toContain("app/standards/[slug]/calls");
    expect(dirs).toContain("app/standards/[slug]/draft");
    for (const layout of layouts) expect(layout.paths, layout.dir).toBeInstanceOf(Array);
  });

  for (const { dir, paths = [] } of layouts) {
    it(`holds every message the client components under ${dir} read`, () => {
      const modules = clientModules(path.join(root, dir));
      expect(modules.length).toBeGreaterThan(0);
      const reads = modules.flatMap((file) => keysRead(parse(file)));
      for (const locale of locales) {
        const handed = pickMessages(catalogues[locale], [...formMessagePaths, ...paths]);
        expect(missing(reads, handed, catalogues[locale]), locale).toEqual([]);
      }
    });
  }
});

describe("the part of a catalogue under some paths", () => {
  it("nests groups and single sentences as in the whole, and never changes the whole", () => {
    const before = JSON.stringify(messages);
    const picked = pickMessages(messages, [
      "decisions.saving",
      "decisions.lastCall.scopes",
      "decisions.lastCall",
      "decisions.lastCall.open",
      "discussion.kinds",
    ]);
    expect(picked).toEqual({
      decisions: { saving: messages.decisions.saving, lastCall: messages.decisions.lastCall },
      discussion: { kinds: messages.discussion.kinds },
    });
    expect(JSON.stringify(messages)).toBe(before);
    expect(() => pickMessages(messages, ["decisions.nothing"])).toThrow("decisions.nothing");
  });
});

describe("reading the keys of a client component", () => {
  const read = (code: string) =>
    keysRead(parse(path.join(root, "example.tsx"), code)).map(
      ({ key, whole, has }) => `${key}${whole ? "/*" : ""}${has ? "?" : ""}`,
    );

  it("reads literal keys, the fixed start of built keys, both sides of a choice, and has()", () => {
    const code = `
      import { useTranslations as words } from "next-intl";
      export function Form({ kind, done }: { kind: string; done: boolean }) {
        const t = words("decisions");
        const tAll = words();
        return [t("saving"), t.rich("fields.reason", {}), t(\`kinds.\${kind}\`),
          t(done ? "withdraw" : "appeal"), t.has("vote.ag"), tAll(\`errors.x\${kind}\`)];
      }`;
    expect(read(code)).toEqual([
      "decisions.saving",
      "decisions.fields.reason",
      "decisions.kinds/*",
      "decisions.withdraw",
      "decisions.appeal",
      "decisions.vote.ag?",
      "errors/*",
    ]);
  });

  it("needs a whole namespace for an unknown key, a translator handed on, or all messages", () => {
    const code = `
      import { useMessages, useTranslations } from "next-intl";
      function Field({ code, label }: { code: string; label: (k: string) => string }) {
        const t = useTranslations("fieldErrors");
        return [t(code), label("x")];
      }
      export function Form() {
        const t = useTranslations("discussion");
        const inner = (t: (k: string) => string) => t("anything");
        const nested = () => {
          const t = useTranslations("notices");
          return t("dismiss");
        };
        return [Field({ code: "a", label: t }), inner(String), nested(), useMessages()];
      }`;
    expect(read(code)).toEqual(["fieldErrors/*", "discussion/*", "notices.dismiss", "/*"]);
  });

  it("finds the client components of a page through server components, not into actions", () => {
    const modules = clientModules(path.join(root, "app/standards/[slug]/calls")).map((file) =>
      path.relative(root, file),
    );
    expect(modules).toContain("components/decisions/call-forms.tsx");
    expect(modules).toContain("components/use-action-form.ts");
    expect(modules).not.toContain("app/decisions/actions.ts");
    expect(modules).not.toContain("components/decisions/call-subject.tsx");
  });
});
