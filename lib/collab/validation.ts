import { Node } from "@tiptap/pm/model";
import { yXmlFragmentToProsemirrorJSON } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { clauseTextSchema, isAllowedHref } from "@/lib/collab/extensions";
import { clauseFields, type RichText } from "@/lib/drafting/rich-text";

/**
 * Validation of one update against a validated copy ("shadow") of a clause's document.
 *
 * The shadow mirrors every update the live document takes. An update to check is applied to the
 * shadow first, and only the parts of the shadow that the update changed are checked, each with
 * the same rules a whole clause is checked with (the Tiptap schema through y-tiptap's JSON, and
 * the link protocols), so a keystroke costs its paragraph rather than the whole clause. That is
 * enough because every change to a document went through this check (or came from a peer server
 * that ran it): what the update did not touch was valid before and is unchanged. A refused update
 * leaves the shadow polluted; the caller drops it and copies the live document again.
 */

type YNode = Y.XmlFragment | Y.XmlElement | Y.XmlText;
// Yjs types are invariant in their event type; any shared type will do here.
// biome-ignore lint/suspicious/noExplicitAny: see above
type AnyType = Y.AbstractType<any>;

/** Content the editor never makes: keyed entries on a field, strings or binaries among nodes. */
export function foreignContent(type: YNode, path: string): string | null {
  if (type instanceof Y.XmlElement) {
    const allowed = clauseTextSchema.nodes[type.nodeName]?.spec.attrs ?? {};
    const unknown = Object.keys(type.getAttributes()).find((name) => !(name in allowed));
    if (unknown) return `${path}: attribute ${unknown} on ${type.nodeName}`;
  } else if (type._map.size > 0) {
    return `${path}: keyed entries`;
  }
  if (type instanceof Y.XmlText) return null; // marks are checked against the schema later
  for (const child of type.toArray() as unknown[]) {
    if (!(child instanceof Y.XmlElement) && !(child instanceof Y.XmlText)) {
      return `${path}: content that is not a node`;
    }
    const problem = foreignContent(child, path);
    if (problem) return problem;
  }
  return null;
}

function unsafeLink(json: RichText): boolean {
  const marksBad = (json.marks ?? []).some(
    (mark) => mark.type === "link" && !isAllowedHref(mark.attrs?.href),
  );
  return marksBad || (json.content ?? []).some(unsafeLink);
}

/** One element as y-tiptap's JSON would hold it inside its field. */
function elementJSON(element: Y.XmlElement): RichText {
  const json: RichText = { type: element.nodeName };
  const attrs = element.getAttributes();
  if (Object.keys(attrs).length > 0) json.attrs = attrs;
  // y-tiptap serialises an element's children as it does a field's, then flattens text runs.
  const content = (yXmlFragmentToProsemirrorJSON(element).content as unknown[]).flat();
  if (content.length > 0) json.content = content as RichText[];
  return json;
}

/** Why a node (a whole field, or one element in it) breaks the schema, or null. */
function problemInNode(json: RichText, path: string): string | null {
  try {
    Node.fromJSON(clauseTextSchema, json).check();
  } catch (error) {
    return `${path}: ${(error as Error).message}`;
  }
  return unsafeLink(json) ? `${path}: link with a disallowed protocol` : null;
}

/** The field a type lives in, or null when it or an ancestor is deleted (nobody sees it). */
function fieldOf(type: AnyType): string | null {
  let current = type;
  while (current._item) {
    if (current._item.deleted) return null;
    current = current._item.parent as AnyType;
  }
  return Y.findRootTypeKey(current);
}

/** The nearest element or field holding a changed type: a text's paragraph, for instance. */
function containerOf(type: AnyType): Y.XmlFragment | null {
  let current: AnyType | null = type;
  while (current && !(current instanceof Y.XmlFragment)) {
    current = current._item ? (current._item.parent as AnyType) : null;
  }
  return current;
}

function hasAncestorIn(type: AnyType, set: Set<unknown>) {
  for (let current = type._item?.parent; current; ) {
    const parent = current as AnyType;
    if (set.has(parent)) return true;
    current = parent._item?.parent;
  }
  return false;
}

/** Why the changed parts of a document are not what the editor could make, or null. */
export function problemInChanges(
  doc: Y.Doc,
  changed: Iterable<AnyType>,
  fields: readonly string[] = clauseFields,
): string | null {
  const allowedTopLevel = new Set(fields);
  for (const name of doc.share.keys()) {
    if (!allowedTopLevel.has(name)) return `a field the clause does not have (${name})`;
  }
  const containers = new Set<Y.XmlFragment>();
  for (const type of changed) {
    const container = containerOf(type);
    if (!container) return "content that is not a node";
    containers.add(container);
  }
  for (const container of containers) {
    if (hasAncestorIn(container, containers)) continue; // checked with its ancestor
    const field = fieldOf(container);
    if (field === null) continue;
    if (!allowedTopLevel.has(field)) return `a field the clause does not have (${field})`;
    const foreign = foreignContent(container, field);
    if (foreign) return foreign;
    if (container instanceof Y.XmlElement) {
      const problem = problemInNode(elementJSON(container), field);
      if (problem) return problem;
    } else {
      const json = yXmlFragmentToProsemirrorJSON(container) as RichText;
      // An untouched field is an empty fragment; the editor fills it with one empty paragraph.
      if (!json.content?.length) continue;
      const problem = problemInNode(json, field);
      if (problem) return problem;
    }
  }
  return null;
}

const hasPending = (doc: Y.Doc) =>
  doc.store.pendingStructs !== null || doc.store.pendingDs !== null;

/**
 * Applies an update to the shadow and says what is wrong with what it changed, or null. An update
 * that leaves parts waiting for changes the server does not have is refused too: they would join
 * the document later, with whatever completes them, unchecked. (No editor sends one: it builds
 * only on what its server sent it.)
 */
export function problemAfterApplying(
  shadow: Y.Doc,
  update: Uint8Array,
  livePending = false,
  fields: readonly string[] = clauseFields,
): string | null {
  const hadPending = livePending || hasPending(shadow);
  let changed: AnyType[] = [];
  try {
    shadow.transact((transaction) => {
      Y.applyUpdate(shadow, update);
      changed = [...transaction.changed.keys()];
    });
  } catch (error) {
    return `unreadable update: ${(error as Error).message}`;
  }
  if (!hadPending && hasPending(shadow)) {
    return "an update that builds on changes the clause does not have";
  }
  return problemInChanges(shadow, changed, fields);
}

/** A validated copy of a live document, kept in step with every update the live one takes. */
export class Shadow {
  readonly doc = new Y.Doc();
  /** Encoded size of the live document when last measured, and bytes it took since. */
  measuredBytes: number;
  bytesSince = 0;
  /** Set when an update could not be mirrored: the shadow must be copied again. */
  broken = false;
  /**
   * Connections whose updates this shadow validated, hence already holds. A connection's
   * messages are checked and applied one at a time, in order, so when the live document applies
   * an update from one of them, it is the one this shadow last validated from it.
   */
  private readonly validatedFrom = new WeakSet<object>();
  private readonly mirror = (update: Uint8Array, origin: unknown) => {
    this.bytesSince += update.length;
    const connection = (origin as { connection?: unknown } | null)?.connection;
    if (typeof connection === "object" && connection && this.validatedFrom.has(connection)) return;
    try {
      Y.applyUpdate(this.doc, update);
    } catch {
      this.broken = true;
    }
  };

  constructor(
    private readonly live: Y.Doc,
    /** The fields the document may have (a clause's by default). */
    readonly fields: readonly string[] = clauseFields,
  ) {
    const state = Y.encodeStateAsUpdate(live);
    this.measuredBytes = state.length;
    Y.applyUpdate(this.doc, state);
    for (const field of fields) this.doc.getXmlFragment(field);
    live.on("update", this.mirror);
  }

  /** The live document's encoded size, measured again only when the estimate nears `cap`. */
  sizeWith(updateBytes: number, cap: number): number {
    if (this.measuredBytes + this.bytesSince + updateBytes > cap) {
      this.measuredBytes = Y.encodeStateAsUpdate(this.live).length;
      this.bytesSince = 0;
    }
    return this.measuredBytes + this.bytesSince + updateBytes;
  }

  /** Notes that an update from this connection was validated here (see validatedFrom). */
  validated(connection: object | undefined): void {
    if (connection) this.validatedFrom.add(connection);
  }

  livePending(): boolean {
    return hasPending(this.live);
  }

  destroy(): void {
    this.broken = true;
    this.live.off("update", this.mirror);
    this.doc.destroy();
  }
}
