import { oneLine, q, type Report, recommendedOnly } from "@/lib/drafting/markdown/common";
import { checkFramework } from "@/lib/drafting/markdown/mappings";
import type {
  FrameworkDocument,
  LevelDocument,
  ModuleDocument,
  SectionDocument,
  StandardDocument,
} from "@/lib/drafting/markdown/types";
import { type SectionKind, sectionKinds } from "@/lib/drafting/sections-rules";

const modulePattern = /^[A-Z][A-Z0-9]{0,9}$/;
const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export type SectionEntry = Omit<SectionDocument, "body"> & { line: number };
type FrontMatter = Omit<
  StandardDocument,
  "clauses" | "modules" | "levels" | "sections" | "frameworks"
> & {
  sections: SectionEntry[];
  frameworks: FrameworkDocument[] | undefined;
  modules: (ModuleDocument & { line: number })[];
  levels: (LevelDocument & { line: number })[];
  end: number;
};

// A shape error leaves nothing reliable to read after it, so it unwinds the whole reader at once.
class FrontMatterStop extends Error {
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(reason);
  }
}

function stop(line: number, reason: string): never {
  throw new FrontMatterStop(line, reason);
}

/** Reads exactly the front matter exportStandard writes; a shape error stops the import. */
export function readFrontMatter(lines: string[], report: Report): FrontMatter | null {
  if (lines[0] !== "---") {
    report(1, 'The file must start with front matter: a line "---"');
    return null;
  }
  const end = lines.indexOf("---", 1);
  if (end < 0) {
    report(1, 'The front matter is not closed by a line "---"');
    return null;
  }
  let i = 1;
  const value = (prefix: string): [string, number] => {
    const text = i < end ? (lines[i] ?? "") : "";
    const key = prefix.replace(/[ :-]/g, "");
    if (!text.startsWith(prefix))
      stop(i + 1, `Expected ${q(prefix.trim())} followed by a quoted string`);
    const raw = text.slice(prefix.length);
    let parsed: unknown;
    try {
      parsed = /^".*"$/s.test(raw) ? JSON.parse(raw) : null;
    } catch {
      parsed = null;
    }
    if (typeof parsed !== "string")
      stop(i + 1, `The ${key} must be a string in double quotes (JSON syntax)`);
    i++;
    return [parsed, i];
  };
  const list = <T>(key: string, read: () => T): T[] => {
    const text = i < end ? lines[i] : "";
    i++;
    if (text === `${key}: []`) return [];
    if (text !== `${key}:`)
      stop(i, `Expected "${key}:" followed by "  - " entries, or "${key}: []"`);
    const items = [read()];
    while (i < end && lines[i]?.startsWith("  - ")) items.push(read());
    return items;
  };
  try {
    const seen = new Map<string, number>();
    const unique = (key: string, line: number, what: string) => {
      const first = seen.get(key);
      if (first) report(line, `Duplicate ${what} (first on line ${first})`);
      else seen.set(key, line);
    };
    const [slug, slugLine] = value("slug: ");
    const [name, nameLine] = value("name: ");
    const [summary] = value("summary: ");
    // Files written before sections existed have no such key; it is written only when non-empty.
    const sections = lines[i]?.startsWith("sections:")
      ? list("sections", () => {
          const [slug, line] = value("  - slug: ");
          const [kind] = value("    kind: ");
          const [title] = value("    title: ");
          const retired = i < end && lines[i] === '    status: "retired"';
          if (retired) i++;
          return { slug, line, kind: kind as SectionKind, title, retired };
        })
      : [];
    const modules = list("modules", () => {
      const [code, line] = value("  - code: ");
      return { code, line, name: value("    name: ")[0], summary: value("    summary: ")[0] };
    });
    const levels = list("levels", () => {
      const [levelName, line] = value("  - name: ");
      return { name: levelName, line, summary: value("    summary: ")[0] };
    });
    // Only a standard whose clauses map to other frameworks lists them (mappings.ts).
    const frameworks =
      i < end && lines[i]?.startsWith("frameworks:")
        ? list("frameworks", () => {
            const [key, line] = value("  - key: ");
            const framework = {
              key,
              name: value("    name: ")[0],
              version: value("    version: ")[0],
              url: value("    url: ")[0],
            };
            checkFramework(framework, line, report);
            unique(`framework ${key}`, line, `framework key ${key}`);
            return framework;
          })
        : undefined;
    if (i < end) stop(i + 1, "Unexpected line in the front matter");
    if (!slugPattern.test(slug)) {
      report(
        slugLine,
        `The slug "${slug}" must be lowercase letters and digits joined by single hyphens`,
      );
    }
    if (!oneLine(name)) report(nameLine, "The standard needs a name");
    for (const module of modules) {
      if (!modulePattern.test(module.code)) {
        report(
          module.line,
          `Module code "${module.code}" must be 1–10 capital letters or digits, starting with a letter`,
        );
      }
      unique(`module ${module.code}`, module.line, `module code ${module.code}`);
      checkName(module.name, module.line + 1, "A module name", report);
    }
    for (const level of levels) {
      checkName(level.name, level.line, "A level name", report);
      if (level.name === recommendedOnly)
        report(level.line, `"${recommendedOnly}" is reserved and cannot name a level`);
      unique(`level ${level.name}`, level.line, `level name "${level.name}"`);
    }
    for (const section of sections) {
      if (!slugPattern.test(section.slug))
        report(
          section.line,
          `Section slug "${section.slug}" must be lowercase letters and digits joined by single hyphens`,
        );
      if (!(sectionKinds as readonly string[]).includes(section.kind))
        report(
          section.line + 1,
          `Unknown section kind "${section.kind}"; expected one of ${sectionKinds.join(", ")}`,
        );
      unique(`section ${section.slug}`, section.line, `section slug ${section.slug}`);
      checkName(section.title, section.line + 2, "A section title", report);
    }
    return { slug, name, summary, sections, modules, levels, frameworks, end };
  } catch (error) {
    if (!(error instanceof FrontMatterStop)) throw error;
    report(error.line, error.message);
    return null;
  }
}

function checkName(name: string, line: number, what: string, report: Report) {
  if (!name) report(line, `${what} must not be empty`);
  else if (name !== oneLine(name)) report(line, `${what} must be one line without extra spaces`);
}
