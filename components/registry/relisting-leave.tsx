import { getFormatter, getTranslations } from "next-intl/server";
import { grantRelistingLeaveAction } from "@/app/registry/[number]/relisting-actions";
import { ClientMessages } from "@/components/client-messages";
import { RelistingLeaveForm } from "@/components/registry/relisting-leave-form";
import { Section } from "@/components/ui/page";
import { getViewer } from "@/lib/community/request-viewer";
import { holdsRole } from "@/lib/community/rules";
import { getDb } from "@/lib/db/client";
import { relistingBarOf } from "@/lib/registry/relisting";

/**
 * For advisory-group members (signed in, so never in a kept copy), while a struck-off product
 * is still barred: the way to give leave to list it again.
 */
export async function RelistingLeave({ number, state }: { number: number; state: string }) {
  if (state !== "struck_off") return null;
  const viewer = await getViewer();
  if (!viewer || !holdsRole(viewer.roles, "advisory_group")) return null;
  const until = await relistingBarOf(getDb(), number, new Date());
  if (!until) return null;
  const [t, format] = await Promise.all([getTranslations("registryRelisting"), getFormatter()]);
  return (
    <Section title={t("title")} id="relisting">
      <ClientMessages>
        <RelistingLeaveForm
          action={grantRelistingLeaveAction}
          number={number}
          until={format.dateTime(until, { dateStyle: "long", timeZone: "UTC" })}
        />
      </ClientMessages>
    </Section>
  );
}
