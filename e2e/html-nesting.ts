/**
 * Invalid nesting, which React reports in development only ("In HTML, <form> cannot be a
 * descendant of <p>") and a production build never mentions: the browser's parser moves such an
 * element out of its parent, React finds another tree than it rendered, and rebuilds the page
 * (reported as "Minified React error #418" when it notices at all). Two checks, for every page a
 * test opens: the server's HTML as React wrote it (before any parser moved anything), and the
 * live page, where only React's own rendering can nest what the parser never would.
 */

/** Start tags that close an open <p> (HTML's "in body" insertion mode). */
const closesParagraph = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "center",
  "details",
  "dialog",
  "dir",
  "div",
  "dl",
  "fieldset",
  "figcaption",
  "figure",
  "footer",
  "form",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hgroup",
  "hr",
  "main",
  "menu",
  "nav",
  "ol",
  "p",
  "pre",
  "search",
  "section",
  "summary",
  "table",
  "ul",
]);
const headings = new Set(["h1", "h2", "h3", "h4", "h5", "h6"]);
/** Elements that end the "button scope" in which an open <p> is looked for. */
const scopeLimits = new Set(["button", "table", "td", "th", "caption", "object", "template"]);
const voidElements = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "source",
  "track",
  "wbr",
]);
/** Elements whose content is text to the parser, skipped whole. */
const rawText = new Set(["script", "style", "textarea", "title", "noscript"]);

function inScope(stack: string[], tag: string, limits: Set<string>): boolean {
  for (let index = stack.length - 1; index >= 0; index -= 1) {
    const open = stack[index] ?? "";
    if (open === tag) return true;
    if (limits.has(open)) return false;
  }
  return false;
}

/** Why `tag` may not open where it stands, or null. */
function misplaced(stack: string[], tag: string): string | null {
  const parent = stack.at(-1) ?? "";
  if (closesParagraph.has(tag) && inScope(stack, "p", scopeLimits)) return "p";
  if (tag === "form" && stack.includes("form")) return "form";
  if (tag === "a" && stack.includes("a")) return "a";
  if (tag === "button" && stack.includes("button")) return "button";
  if (headings.has(tag) && headings.has(parent)) return parent;
  if (tag === "li" && inScope(stack, "li", new Set(["ul", "ol", "menu"]))) return "li";
  if (tag === "tr" && !["tbody", "thead", "tfoot"].includes(parent)) return parent;
  if ((tag === "td" || tag === "th") && parent !== "tr") return parent;
  return null;
}

const TAG = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;

/**
 * Every element of the server's HTML that sits where the parser would not leave it, as
 * "<form> inside <p>". Tags are read as React writes them: each element closed explicitly.
 */
export function invalidNesting(html: string): string[] {
  const found: string[] = [];
  const stack: string[] = [];
  TAG.lastIndex = 0;
  for (let match = TAG.exec(html); match; match = TAG.exec(html)) {
    const [whole, closing, name, attributes] = match;
    if (!name) continue;
    const tag = name.toLowerCase();
    if (closing) {
      const at = stack.lastIndexOf(tag);
      if (at >= 0) stack.length = at;
      continue;
    }
    const inside = misplaced(stack, tag);
    if (inside) found.push(`<${tag}> inside <${inside}>`);
    if (rawText.has(tag)) {
      const end = html.toLowerCase().indexOf(`</${tag}`, match.index + whole.length);
      TAG.lastIndex = end < 0 ? html.length : end;
      stack.push(tag);
      continue;
    }
    if (!voidElements.has(tag) && !attributes?.trimEnd().endsWith("/")) stack.push(tag);
  }
  return [...new Set(found)];
}

/**
 * Runs in every page before its own scripts (an init script, so it must stand alone): reports
 * as a console error any element React rendered where the parser would never put it.
 */
export function reportInvalidNestingInPage(): void {
  const blocks =
    "address,article,aside,blockquote,details,dialog,div,dl,fieldset,figcaption,figure,footer,form,h1,h2,h3,h4,h5,h6,header,hgroup,hr,main,menu,nav,ol,p,pre,section,summary,table,ul";
  const headingList = "h1,h2,h3,h4,h5,h6";
  const selector = [
    `p :is(${blocks}):not(p button *)`,
    "form form",
    "a a",
    "button button",
    `:is(${headingList}) > :is(${headingList})`,
    "li > li",
  ].join(", ");
  const reported = new WeakSet<Element>();
  const check = () => {
    for (const element of document.querySelectorAll(selector)) {
      // The editor draws its collaborators' carets with ProseMirror, not React nor the parser.
      if (reported.has(element) || element.closest(".ProseMirror")) continue;
      reported.add(element);
      const parent = element.parentElement?.tagName.toLowerCase() ?? "";
      console.error(
        `Invalid nesting: <${element.tagName.toLowerCase()}> inside <${parent}> on ${location.pathname}`,
      );
    }
  };
  let queued = false;
  const observer = new MutationObserver(() => {
    if (queued) return;
    queued = true;
    setTimeout(() => {
      queued = false;
      check();
    }, 0);
  });
  const start = () => {
    check();
    observer.observe(document.documentElement, { childList: true, subtree: true });
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
}
