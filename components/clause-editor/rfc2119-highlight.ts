import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { splitKeywords } from "@/lib/drafting/rfc2119";

/**
 * Sets RFC 2119 keywords apart while people type, as the read view does. Decorations only:
 * nothing is added to the document, so the shared schema is unchanged.
 */
export const Rfc2119Highlight = Extension.create({
  name: "rfc2119Highlight",
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey("rfc2119Highlight"),
        props: {
          decorations(state) {
            const decorations: Decoration[] = [];
            state.doc.descendants((node, position) => {
              if (!node.isText || !node.text) return;
              let offset = 0;
              for (const part of splitKeywords(node.text)) {
                if (part.keyword) {
                  const from = position + offset;
                  decorations.push(
                    Decoration.inline(from, from + part.text.length, { class: "rfc2119" }),
                  );
                }
                offset += part.text.length;
              }
            });
            return DecorationSet.create(state.doc, decorations);
          },
        },
      }),
    ];
  },
});
