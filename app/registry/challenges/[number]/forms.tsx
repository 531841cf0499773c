import Link from "next/link";
import { getTranslations } from "next-intl/server";
import {
  AppealForm,
  RespondForm,
  VoteForm,
  WithdrawChallengeForm,
} from "@/components/challenges/record-forms";
import { ClientMessages } from "@/components/client-messages";
import { Section } from "@/components/ui/page";
import type { ChallengeRecord } from "@/lib/challenges/queries";
import { isFinal } from "@/lib/challenges/rules";
import { getViewer } from "@/lib/community/request-viewer";
import { challengePath, signInPath } from "@/lib/paths";
import { appealAction, respondAction, voteAction, withdrawChallengeAction } from "./actions";

/** The forms the viewer may use now; a signed-out reader of an open challenge is offered to sign in. */
export async function ChallengeForms({ record }: { record: ChallengeRecord }) {
  const [t, viewer] = await Promise.all([getTranslations("challenges"), getViewer()]);
  if (isFinal(record.phase)) return null;
  if (!viewer) {
    return (
      <p className="mb-10 max-w-2xl text-sm">
        <Link href={signInPath(challengePath(record.number))} className="underline">
          {t("record.signIn")}
        </Link>{" "}
        {t("record.signInWhy")}
      </p>
    );
  }
  const { may, number } = record;
  if (!may.respond && !may.withdraw && !may.vote && !may.appeal) return null;
  return (
    <ClientMessages>
      {may.respond ? (
        <Section title={t("respond.title")} id="respond">
          <p className="mb-3 max-w-2xl text-sm text-muted">{t("respond.lead")}</p>
          <RespondForm action={respondAction} number={number} />
        </Section>
      ) : null}
      {may.vote ? (
        <Section title={t(`vote.title.${may.vote}`)} id="vote">
          <VoteForm
            action={voteAction}
            number={number}
            stage={may.vote}
            verdicts={record.verdicts}
          />
        </Section>
      ) : null}
      {may.appeal ? (
        <Section title={t("appeal.title")} id="appeal">
          <p className="mb-3 max-w-2xl text-sm text-muted">{t("appeal.lead")}</p>
          <AppealForm action={appealAction} number={number} />
        </Section>
      ) : null}
      {may.withdraw ? (
        <Section title={t("withdraw.title")} id="withdraw">
          <p className="mb-3 max-w-2xl text-sm text-muted">{t("withdraw.lead")}</p>
          <WithdrawChallengeForm action={withdrawChallengeAction} number={number} />
        </Section>
      ) : null}
    </ClientMessages>
  );
}
