import { getTranslations } from "next-intl/server";
import { HidePositionReasonForm } from "@/components/decisions/hide-reason-form";
import { PersonName } from "@/components/person-name";
import { Section } from "@/components/ui/page";
import type { CallPage } from "@/lib/decisions/call-page";
import { stances } from "@/lib/decisions/tally";

/** Everyone's stance on an open or closed call, with the tally against the charter's quorum. */
export async function CallPositions({ page, moderator }: { page: CallPage; moderator: boolean }) {
  const t = await getTranslations("decisions");
  return (
    <Section title={t("positions")}>
      <p className="mb-3 text-sm">
        {page.positions.length === 0
          ? t("noPositions", { quorum: page.call.charter.quorum })
          : `${stances
              .filter((stance) => page.tally[stance] > 0)
              .map((stance) => `${t(`stances.${stance}`)} ${page.tally[stance]}`)
              .join(" · ")} — ${t("tallyLine", {
              count: page.quorum,
              quorum: page.call.charter.quorum,
            })}`}
      </p>
      {page.positions.length > 0 ? (
        <ul className="divide-y divide-line rounded-lg border border-line bg-white">
          {page.positions.map((position) => (
            <li key={position.userId} className="p-3" id={`position-${position.userId}`}>
              <p>
                <PersonName name={position.name} badges={position.badges} />:{" "}
                {t(`stances.${position.stance}`)}
              </p>
              {position.reasonHidden ? (
                <p className="text-sm italic text-muted">{t("reasonHidden")}</p>
              ) : null}
              {position.reason ? (
                <p className="whitespace-pre-wrap text-sm text-muted">{position.reason}</p>
              ) : null}
              {moderator && position.reasonId && !position.reasonHidden ? (
                <HidePositionReasonForm reasonId={position.reasonId} />
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </Section>
  );
}
