"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from "react";
import { noticeClass } from "@/components/ui/notice";
import { NOTICE_COOKIE } from "@/lib/actions/notice-cookie";

export type ShownNotice = { id: string; text: string; href?: string };

const Announce = createContext<(notice: ShownNotice) => void>(() => {});

/** Puts what an action did in the page's status region (for forms: use-action-form.ts). */
export function useAnnounce(): (notice: ShownNotice) => void {
  return useContext(Announce);
}

/**
 * The one status region of every page, present (empty) from the start so that what an action
 * puts in it is announced. The server fills it on the page rendered after a form post
 * (components/action-notice.tsx); with JavaScript the form fills it through `useAnnounce`,
 * because the layout around pages is kept across client-side renders. A notice stays in view
 * while the page scrolls, and leaves when the person dismisses it or moves to another page.
 */
export function NoticeRegion({
  notice,
  dismissLabel,
  children,
}: {
  notice: ShownNotice | null;
  dismissLabel: string;
  children: ReactNode;
}) {
  const pathname = usePathname();
  const path = useRef(pathname);
  path.current = pathname;
  const [shown, setShown] = useState(notice ? { notice, path: pathname } : null);
  const [live, setLive] = useState(false);
  useEffect(() => setLive(true), []);
  // The same notice may come both ways (a form used before the page's scripts had run).
  const announce = useRef((next: ShownNotice) =>
    setShown((now) => (now?.notice.id === next.id ? now : { notice: next, path: path.current })),
  ).current;
  useEffect(() => {
    if (!notice) return;
    announce(notice);
    // Shown: a redirect's notice waits in the browser for one page, and this was that page
    // (where the Cookie Store is missing, the next request drops it: see proxy.ts).
    if ("cookieStore" in window) void cookieStore.delete(NOTICE_COOKIE).catch(() => {});
  }, [notice, announce]);
  useEffect(() => {
    setShown((now) => (now && now.path !== pathname ? null : now));
  }, [pathname]);
  const current = shown?.notice;
  return (
    <Announce value={announce}>
      <div
        className={
          current
            ? `sticky top-2 z-10 mb-6 flex items-start justify-between gap-4 shadow-sm ${noticeClass("success")}`
            : undefined
        }
      >
        <div role="status">
          {current?.href ? (
            <Link href={current.href} className="underline">
              {current.text}
            </Link>
          ) : (
            current?.text
          )}
        </div>
        {current && live ? (
          <button
            type="button"
            className="shrink-0 text-ink underline"
            onClick={() => setShown(null)}
          >
            {dismissLabel}
          </button>
        ) : null}
      </div>
      {children}
    </Announce>
  );
}
