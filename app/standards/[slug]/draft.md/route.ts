import { getDb } from "@/lib/db/client";
import { exportStandard } from "@/lib/drafting/markdown/document";
import { loadStandardDocument } from "@/lib/drafting/transfer";
import { malformedAddress, wellFormedParams } from "@/lib/http/params";

/** The whole working draft as one Markdown file, which imports back losslessly. */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  if (!wellFormedParams({ slug })) return malformedAddress();
  const document = await loadStandardDocument(getDb(), slug);
  if (!document) return new Response("No such standard.", { status: 404 });
  return new Response(exportStandard(document), {
    headers: {
      "Content-Type": "text/markdown; charset=utf-8",
      "Content-Disposition": `inline; filename="${document.slug}-draft.md"`,
      "Cache-Control": "no-store",
    },
  });
}
