import Link from "next/link";
import type { ReactNode } from "react";
import { signInPath } from "@/lib/paths";

/**
 * The `<link>` of a "Sign in to …" sentence from the catalogue (`t.rich`): signing in brings the
 * person back to `returnTo`, the page they were reading. Underlined, as a link inside a sentence
 * must be told apart by more than its colour.
 */
export function signInLink(returnTo: string) {
  return (chunks: ReactNode) => (
    <Link href={signInPath(returnTo)} className="underline">
      {chunks}
    </Link>
  );
}
