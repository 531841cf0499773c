import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/**
 * Which messages the client components of a part of the site read, found in their code as the
 * bundler finds them: from a folder of pages it follows imports to the client components ("use
 * client" and all they import, up to server actions), and reads in them every key a translator
 * from `useTranslations` is asked for. A key built at run time needs the whole group its fixed
 * start names (t(`kinds.${kind}`): all of `kinds`); a key it cannot read (t(code)), or a
 * translator handed elsewhere, needs the translator's whole namespace. Used by
 * tests/unit/client-catalogue.test.ts.
 */

export const root = path.resolve(import.meta.dirname, "..");

/** A key read by a client component; `whole`: the entire group under it may be read. */
export type Read = { key: string; whole: boolean; has: boolean; where: string };

export function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

const parsed = new Map<string, ts.SourceFile>();

export function parse(file: string, text?: string): ts.SourceFile {
  const known = text === undefined ? parsed.get(file) : undefined;
  if (known) return known;
  const source = ts.createSourceFile(
    file,
    text ?? readFileSync(file, "utf8"),
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TSX,
  );
  if (text === undefined) parsed.set(file, source);
  return source;
}

function directive(source: ts.SourceFile): string | null {
  const first = source.statements[0];
  return first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression)
    ? first.expression.text
    : null;
}

function resolve(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = path.join(root, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(from), specifier);
  else return null; // a package: its messages are not ours
  for (const ending of ["", ".ts", ".tsx", "/index.ts", "/index.tsx"]) {
    const file = base + ending;
    if (/\.tsx?$/.test(file) && existsSync(file) && statSync(file).isFile()) return file;
  }
  return null;
}

/** The modules a module loads when it runs (type-only imports load nothing). */
function runtimeImports(source: ts.SourceFile): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly) {
      found.push((node.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && !node.isTypeOnly) {
      found.push((node.moduleSpecifier as ts.StringLiteral).text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found.flatMap((specifier) => resolve(source.fileName, specifier) ?? []);
}

/** The client modules the pages under `dir` use: "use client" files and what they import. */
export function clientModules(dir: string): string[] {
  const client = new Set<string>();
  const seen = new Set<string>();
  const walk = (file: string, inClient: boolean): void => {
    const source = parse(file);
    const said = directive(source);
    if (inClient && said === "use server") return; // an action runs on the server
    const isClient = inClient || said === "use client";
    if (seen.has(`${isClient}:${file}`)) return;
    seen.add(`${isClient}:${file}`);
    if (isClient) client.add(file);
    for (const imported of runtimeImports(source)) walk(imported, isClient);
  };
  for (const file of sourceFiles(dir)) walk(file, false);
  return [...client].sort();
}

const join = (namespace: string, key: string) => [namespace, key].filter(Boolean).join(".");

/** The keys an expression given to a translator may be; "" with `whole`: any key at all. */
function keysOf(node: ts.Expression): { key: string; whole: boolean }[] {
  if (ts.isStringLiteralLike(node)) return [{ key: node.text, whole: false }];
  if (ts.isTemplateExpression(node)) {
    const start = node.head.text;
    return [{ key: start.slice(0, Math.max(start.lastIndexOf("."), 0)), whole: true }];
  }
  if (ts.isConditionalExpression(node))
    return [...keysOf(node.whenTrue), ...keysOf(node.whenFalse)];
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node)) return keysOf(node.expression);
  return [{ key: "", whole: true }];
}

/** Every key the module's translators are asked for, by full path. */
export function keysRead(source: ts.SourceFile): Read[] {
  const hooks = new Map<string, "translations" | "messages">();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement)) continue;
    if ((statement.moduleSpecifier as ts.StringLiteral).text !== "next-intl") continue;
    const names = statement.importClause?.namedBindings;
    if (!names || !ts.isNamedImports(names)) continue;
    for (const element of names.elements) {
      const imported = (element.propertyName ?? element.name).text;
      if (imported === "useTranslations") hooks.set(element.name.text, "translations");
      if (imported === "useMessages") hooks.set(element.name.text, "messages");
    }
  }
  const reads: Read[] = [];
  const at = (node: ts.Node) =>
    `${path.relative(root, source.fileName)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const all = (namespace: string, node: ts.Node) =>
    reads.push({ key: namespace, whole: true, has: false, where: at(node) });

  /** The uses of a translator named `name` within `scope`, until a nested scope hides it. */
  const followTranslator = (name: string, namespace: string, scope: ts.Node, declared: ts.Node) => {
    const visit = (node: ts.Node): void => {
      if (node !== scope && declares(node, name)) return;
      if (ts.isIdentifier(node) && node.text === name && !isPropertyName(node, declared)) {
        const parent = node.parent;
        const method =
          ts.isPropertyAccessExpression(parent) && parent.expression === node ? parent : null;
        const call = method ? method.parent : parent;
        const asked =
          ts.isCallExpression(call) && call.expression === (method ?? node) ? call : null;
        const which = method?.name.text;
        if (asked && (!method || ["rich", "markup", "raw", "has"].includes(which ?? ""))) {
          const [first] = asked.arguments;
          for (const read of first ? keysOf(first) : [{ key: "", whole: true }]) {
            reads.push({
              key: join(namespace, read.key),
              whole: read.whole,
              has: which === "has",
              where: at(node),
            });
          }
        } else all(namespace, node); // handed elsewhere, or asked in a way not read here
        return;
      }
      ts.forEachChild(node, visit);
    };
    visit(scope);
  };

  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
      const hook = hooks.get(node.expression.text);
      if (hook === "messages") all("", node);
      if (hook === "translations") {
        const [first] = node.arguments;
        if (first && !ts.isStringLiteralLike(first)) all("", node);
        else {
          const namespace = first?.text ?? "";
          const declaration = node.parent;
          if (ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name)) {
            const scope = enclosingScope(declaration);
            followTranslator(declaration.name.text, namespace, scope, declaration);
          } else all(namespace, node);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return reads;
}

/** Whether an identifier names a property (obj.t, { t: … }, t=…), not the variable. */
function isPropertyName(node: ts.Identifier, declared: ts.Node): boolean {
  const parent = node.parent;
  return (
    parent === declared ||
    (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
    (ts.isPropertyAssignment(parent) && parent.name === node) ||
    (ts.isJsxAttribute(parent) && parent.name === node)
  );
}

/** Whether `node` opens a scope in which `name` means something else. */
function declares(node: ts.Node, name: string): boolean {
  const named = (binding: ts.BindingName): boolean =>
    ts.isIdentifier(binding)
      ? binding.text === name
      : binding.elements.some((element) => !ts.isOmittedExpression(element) && named(element.name));
  if (ts.isFunctionLike(node)) return node.parameters.some((parameter) => named(parameter.name));
  if (!ts.isBlock(node)) return false;
  return node.statements.some(
    (statement) =>
      ts.isVariableStatement(statement) &&
      statement.declarationList.declarations.some((declaration) => named(declaration.name)),
  );
}

function enclosingScope(node: ts.Node): ts.Node {
  let scope = node.parent;
  while (!ts.isBlock(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  return scope;
}

function valueAt(catalogue: unknown, key: string): unknown {
  let node = catalogue;
  for (const part of key ? key.split(".") : []) {
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** What the catalogue handed over lacks of what the client components read. */
export function missing(reads: Read[], handed: object, whole: object): string[] {
  return reads.flatMap((read) => {
    const expected = valueAt(whole, read.key);
    if (expected === undefined && read.has) return []; // t.has asks whether there is one
    const actual = valueAt(handed, read.key);
    const complete = read.whole
      ? JSON.stringify(actual) === JSON.stringify(expected)
      : typeof actual === "string" && actual === expected;
    const what = read.key ? `${read.key}${read.whole ? " (all of it)" : ""}` : "every message";
    return complete ? [] : [`${what} at ${read.where}`];
  });
}
