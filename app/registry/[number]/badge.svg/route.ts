import { getDb } from "@/lib/db/client";
import { malformedAddress } from "@/lib/http/params";
import { badgeEtag, badgeLocale, badgeSvg, claimsText } from "@/lib/registry/badge";
import { declarationNumber } from "@/lib/registry/public-json";
import { badgeFacts } from "@/lib/registry/queries-declaration";

type Context = { params: Promise<{ number: string }> };

// Read from the row at every request: the front keeps it at most a minute, and forgets it as
// soon as the registry changes.
export const dynamic = "force-dynamic";

/** The mark, telling the listing's real state. A draft has no badge: it is not public. */
export async function GET(request: Request, { params }: Context) {
  const number = declarationNumber((await params).number);
  const facts = number === null ? null : await badgeFacts(getDb(), number);
  if (!facts || facts.state === "draft") return malformedAddress();
  const locale = badgeLocale(new URL(request.url).searchParams.get("lang"));
  const svg = badgeSvg(
    {
      standard: facts.standardName,
      claims: claimsText(
        { modules: facts.modules, levels: facts.levels },
        facts.claims ?? [],
        locale,
      ),
      release: facts.version,
      state: facts.state,
      underChallenge: facts.underChallenge,
    },
    locale,
  );
  const etag = badgeEtag(svg);
  const headers = {
    "Content-Type": "image/svg+xml; charset=utf-8",
    "Content-Language": locale,
    "Cache-Control": "public, max-age=60",
    ETag: etag,
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
  };
  const asked = request.headers.get("if-none-match") ?? "";
  if (asked.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(svg, { headers });
}
