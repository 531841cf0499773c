import { getTranslations } from "next-intl/server";
import type { RoleBadge } from "@/lib/community/rules";

/**
 * A person's display name with the roles they hold, taken from the group records: names are
 * typed by their owners, so a role is never read from one.
 */
export async function PersonName({ name, badges }: { name: string; badges: RoleBadge[] }) {
  const t = await getTranslations("badges");
  return (
    <span className="inline-flex flex-wrap items-baseline gap-1">
      <span className="font-medium text-ink">{name}</span>
      {badges.map((badge) => (
        <abbr
          key={badge}
          title={t(`title.${badge}`)}
          className="rounded bg-accent-soft px-1.5 text-xs font-medium text-accent no-underline"
        >
          {t(badge)}
        </abbr>
      ))}
    </span>
  );
}
