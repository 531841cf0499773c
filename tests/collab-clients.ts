import { HocuspocusProvider } from "@hocuspocus/provider";
import * as Y from "yjs";
import { mintCollabToken } from "@/lib/collab/token";

export const TEST_SECRET = "collab-test-secret-0123456789abcdef";

/** A real Hocuspocus provider in Node, as a browser tab would hold one. */
export function connectClient(
  url: string,
  clauseId: string,
  userId: string,
  token = mintCollabToken(userId, TEST_SECRET),
) {
  const document = new Y.Doc();
  const provider = new HocuspocusProvider({
    url,
    name: `clause:${clauseId}`,
    document,
    token,
  });
  const synced = new Promise<void>((resolve, reject) => {
    provider.on("synced", () => resolve());
    provider.on("authenticationFailed", ({ reason }: { reason: string }) =>
      reject(new Error(reason)),
    );
  });
  return { document, provider, synced, body: () => bodyText(document) };
}

/** The body field's text, paragraph by paragraph. */
export function bodyText(document: Y.Doc): string {
  return document
    .getXmlFragment("body")
    .toArray()
    .map((node) => (node instanceof Y.XmlElement ? node.toArray().map(String).join("") : ""))
    .join("\n");
}

/** The first paragraph's text node, created if the body is empty, as the editor would. */
export function firstParagraphText(document: Y.Doc): Y.XmlText {
  const body = document.getXmlFragment("body");
  let paragraph = body.get(0);
  if (!(paragraph instanceof Y.XmlElement)) {
    paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText()]);
    body.insert(0, [paragraph]);
  }
  const text = (paragraph as Y.XmlElement).get(0);
  if (!(text instanceof Y.XmlText)) throw new Error("paragraph without text");
  return text;
}

export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
