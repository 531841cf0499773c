"use client";

import Link from "next/link";
import { createContext, type ReactNode, use, useEffect, useState } from "react";
import type { Personal } from "@/lib/decisions/member-pages";
import { PERSONAL_ELEMENT_ID } from "@/lib/http/member-markers";

/**
 * The reader's own parts of a page the front kept for their audience (lib/community/audience.ts):
 * the front sends them as data at the top of the page (lib/http/member-markers.ts), and the forms that
 * need them read them here once the page has hydrated. On a page Next.js drew for the reader,
 * the forms are handed their parts directly and this stays empty.
 */

const PersonalContext = createContext<Personal | null>(null);

export function PersonalProvider({
  fromPage,
  children,
}: {
  /** The page was drawn for an audience: the reader's parts are in the page's data. */
  fromPage: boolean;
  children: ReactNode;
}) {
  const [personal, setPersonal] = useState<Personal | null>(null);
  useEffect(() => {
    if (!fromPage) return;
    const data = document.getElementById(PERSONAL_ELEMENT_ID)?.textContent;
    if (data) setPersonal(JSON.parse(data) as Personal);
  }, [fromPage]);
  return <PersonalContext value={personal}>{children}</PersonalContext>;
}

/** What the reader's audience page brought: null until it has hydrated, and on other pages. */
export function usePersonal(): Personal | null {
  return use(PersonalContext);
}

/**
 * A reader's part: `given` when the page was drawn for them, else what their audience's page
 * brought (null until the page has hydrated, and on a page without it).
 */
export function useMine<T>(given: T | undefined, pick: (personal: Personal) => T): T | null {
  const personal = usePersonal();
  if (given !== undefined) return given;
  return personal ? pick(personal) : null;
}

/** The header's link to the reader's profile, under their name once it is known. */
export function ProfileLink({
  href,
  name,
  around,
  fallback,
}: {
  href: string;
  /** Left out on a page kept for the reader's audience. */
  name?: string;
  /** The link's words before and after the name. */
  around: string[];
  /** Said until the name is known. */
  fallback: string;
}) {
  const known = useMine(name, (personal) => personal.name);
  return <Link href={href}>{known === null ? fallback : around.join(known)}</Link>;
}
