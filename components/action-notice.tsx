import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { NoticeRegion } from "@/components/notice-region";
import { readNotice } from "@/lib/actions/notice";

/**
 * The status region at the top of every page, holding what an action did when the server
 * renders the page after it: the page a form posted to without JavaScript (or before its
 * scripts had run), or the page an action redirected to (lib/actions/notice.ts carries it
 * there). With JavaScript the form fills the region itself (components/use-action-form.ts).
 */
export async function ActionNotice({ children }: { children: ReactNode }) {
  const [notice, t] = await Promise.all([readNotice(), getTranslations()]);
  return (
    <NoticeRegion
      notice={
        notice ? { id: notice.id, text: t(notice.key, notice.params), href: notice.href } : null
      }
      dismissLabel={t("notices.dismiss")}
    >
      {children}
    </NoticeRegion>
  );
}
