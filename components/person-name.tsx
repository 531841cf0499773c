import { randomUUID } from "node:crypto";
import { getTranslations } from "next-intl/server";
import { Fragment, type ReactNode } from "react";
import type { RoleBadge } from "@/lib/community/rules";

type Person = { name: string; badges: RoleBadge[] };

/**
 * A person's display name with the roles they hold, taken from the group records: names are
 * typed by their owners, so a role is never read from one. The short badge is for the eye; screen
 * readers get the role spelled out instead, since "AG" read aloud says little.
 */
export async function PersonName({ name, badges }: Person) {
  const t = await getTranslations("badges");
  return (
    <span className="inline-flex flex-wrap items-baseline gap-1">
      <span className="font-medium text-ink">{name}</span>
      {badges.map((badge) => (
        <span
          key={badge}
          title={t(`title.${badge}`)}
          className="rounded bg-accent-soft px-1.5 text-xs font-medium text-accent"
        >
          <span aria-hidden="true">{t(badge)}</span>
          {/* A space, so that the name and the role are not read as one word. */}
          <span className="sr-only"> ({t(`title.${badge}`)})</span>
        </span>
      ))}
    </span>
  );
}

/** Several people, each with their roles, separated by commas. */
export function PeopleNames({ people }: { people: (Person & { id: string })[] }) {
  return people.map((person, index) => (
    <Fragment key={person.id}>
      {index > 0 ? ", " : null}
      <PersonName name={person.name} badges={person.badges} />
    </Fragment>
  ));
}

/**
 * A translated line with people in it, each shown with their roles: `format` gets a marker for
 * each placeholder (`{name}`), and the markers are then replaced by `people`. Messages are
 * compiled ahead of time to formatters that turn every value into a string, and they keep plain
 * placeholders (not tags) so that plain-text emails can share them; hence markers, made unique
 * per line so that no typed text (a reason, a title) can forge one.
 */
export function withPeople<Key extends string>(
  format: (markers: Record<Key, string>) => string,
  people: Record<Key, ReactNode>,
): ReactNode {
  const id = randomUUID();
  const keys = Object.keys(people) as Key[];
  const markers = Object.fromEntries(keys.map((key) => [key, `\uE000${id}:${key}\uE000`]));
  // Split with a capturing group: text, key, text, key, …, text.
  const [first = "", ...rest] = format(markers as Record<Key, string>).split(
    new RegExp(`\uE000${id}:([^\uE000]+)\uE000`, "u"),
  );
  const nodes: ReactNode[] = [first];
  for (let at = 0; at < rest.length; at += 2) {
    nodes.push(<Fragment key={at}>{people[rest[at] as Key]}</Fragment>, rest[at + 1] ?? "");
  }
  return nodes;
}
