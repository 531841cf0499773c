import { readFileSync } from "node:fs";
import { it } from "vitest";
import { parsePlainDocument } from "@/lib/drafting/markdown/plain";

it("x", () => {
  for (const f of ["home-principles-2025.md", "home-principles-2026.md"]) {
    const r = parsePlainDocument(readFileSync(`lib/drafting/fixtures/${f}`, "utf8"), {
      slug: "",
      name: "",
      levels: [],
    });
    if (!r.ok) {
      console.log(r.problems);
      continue;
    }
    const s = r.standard;
    console.log(s.slug, s.name, "|", s.summary);
    for (const x of s.sections ?? [])
      console.log("S", x.slug, x.kind, x.title, JSON.stringify(x.body).slice(0, 150));
    for (const m of s.modules)
      console.log(
        "M",
        m.code,
        m.name,
        "|",
        m.summary,
        s.clauses.filter((c) => c.moduleCode === m.code).length,
      );
    console.log(
      s.clauses
        .slice(0, 2)
        .map((c) => JSON.stringify(c))
        .join("\n"),
    );
  }
});
