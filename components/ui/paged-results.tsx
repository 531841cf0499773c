import Link from "next/link";
import type { ReactNode } from "react";

type PageLink = { href: string; label: string } | null;

/**
 * A public list's frame: how many it holds (announced to screen readers), what to do when it is
 * empty, and links to the newer and older pages. Plain links, so it pages without JavaScript.
 */
export function PagedResults({
  status,
  empty,
  pager,
  children,
}: {
  status: string;
  /** What to say instead of the list when it is empty; null when it has rows. */
  empty: { title: string; hint: string } | null;
  pager: { label: string; previous: PageLink; next: PageLink };
  children: ReactNode;
}) {
  return (
    <>
      <p className="mb-3 text-sm text-muted" role="status">
        {status}
      </p>
      {empty ? (
        <div className="rounded-lg border border-line bg-white p-6">
          <p className="font-medium">{empty.title}</p>
          <p className="mt-1 text-sm text-muted">{empty.hint}</p>
        </div>
      ) : (
        children
      )}
      {pager.previous || pager.next ? (
        <nav aria-label={pager.label} className="mt-4 flex justify-between text-sm">
          {pager.previous ? (
            <Link href={pager.previous.href} rel="prev">
              {pager.previous.label}
            </Link>
          ) : (
            <span />
          )}
          {pager.next ? (
            <Link href={pager.next.href} rel="next">
              {pager.next.label}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
