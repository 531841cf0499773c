"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { RETURN_PARAM, signInPath } from "@/lib/paths";

/**
 * The header's "Sign in", remembering the page it is clicked on. The header belongs to the root
 * layout, which is not drawn again when the person moves between pages, so the page is read in
 * the browser; on the sign-in pages the link keeps the page the person came from.
 */
export function HeaderSignInLink({ label }: { label: string }) {
  const pathname = usePathname();
  const search = useSearchParams();
  const onSignIn = pathname === signInPath() || pathname.startsWith(`${signInPath()}/`);
  const returnTo = onSignIn
    ? (search.get(RETURN_PARAM) ?? undefined)
    : `${pathname}${search.size > 0 ? `?${search}` : ""}`;
  return <Link href={signInPath(returnTo)}>{label}</Link>;
}
