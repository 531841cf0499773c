import { getTranslations } from "next-intl/server";
import { TermDates } from "@/components/term-dates";
import type { MemberRow } from "@/lib/community/queries";

/** Members with their term, affiliation and public conflict-of-interest declaration. */
export async function MemberTable({ caption, members }: { caption: string; members: MemberRow[] }) {
  const t = await getTranslations("groups");
  if (members.length === 0) return <p className="text-muted">{t("none")}</p>;
  return (
    // No sideways scrolling: cells wrap, so the table fits a phone screen.
    <table className="w-full border-collapse text-left text-sm [overflow-wrap:anywhere]">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b border-line">
          <th scope="col" className="py-2 pr-4">
            {t("columns.name")}
          </th>
          <th scope="col" className="py-2 pr-4">
            {t("columns.role")}
          </th>
          <th scope="col" className="py-2 pr-4">
            {t("columns.term")}
          </th>
          <th scope="col" className="py-2">
            {t("columns.coi")}
          </th>
        </tr>
      </thead>
      <tbody>
        {members.map((member) => (
          <tr key={member.membershipId} className="border-b border-line align-top">
            <td className="py-2 pr-4">
              <span className="font-medium">{member.name}</span>
              {member.affiliation ? (
                <span className="block text-muted">{member.affiliation}</span>
              ) : null}
            </td>
            <td className="py-2 pr-4 whitespace-nowrap">{t(`roles.${member.role}`)}</td>
            <td className="py-2 pr-4">
              <TermDates startsAt={member.startsAt} endsAt={member.endsAt} />
            </td>
            <td className="py-2 whitespace-pre-line">{member.conflictOfInterest || t("noCoi")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
