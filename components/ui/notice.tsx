import type { ReactNode } from "react";

const tones = {
  error: "border-red-300 bg-red-50 text-danger",
  success: "border-green-300 bg-green-50 text-ok",
  info: "border-indigo-200 bg-accent-soft text-ink",
} as const;

export type NoticeTone = keyof typeof tones;

/** The box of a notice, for a region that announces itself (components/notice-region.tsx). */
export function noticeClass(tone: NoticeTone): string {
  return `rounded-md border px-4 py-3 text-sm ${tones[tone]}`;
}

/** A message about the whole form or page; announced to screen readers when it appears. */
export function Notice({ tone, children }: { tone: NoticeTone; children: ReactNode }) {
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`mb-4 ${noticeClass(tone)}`}>
      {children}
    </div>
  );
}
