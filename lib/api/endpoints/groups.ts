import "server-only";
import { z } from "zod";
import { defineEndpoint, type Endpoint } from "@/lib/api/endpoint";
import { iso, pageUrl, timestamp } from "@/lib/api/values";
import { listDeclarationHistory } from "@/lib/community/declarations";
import { listMemberships, listSecretariat, type MemberRow } from "@/lib/community/queries";
import { type Group, groupFromSlug, groupSlugs, groups } from "@/lib/community/rules";
import { groupPath } from "@/lib/paths";

const groupSlugValues = groups.map((group) => groupSlugs[group]) as [string, ...string[]];

const term = z.object({
  name: z.string().describe("The member's name, as the website shows it."),
  affiliation: z.string(),
  role: z.enum(["member", "chair"]),
  startsAt: timestamp,
  endsAt: timestamp.nullable().describe("The end of the term (exclusive); null: open-ended."),
  status: z.enum(["upcoming", "current", "past"]),
  conflictOfInterest: z
    .string()
    .describe("The member's public conflict-of-interest declaration, as it reads now."),
});

const groupSummary = z.object({
  group: z.enum(groups),
  slug: z.enum(groupSlugValues),
  members: z.array(term).describe("The terms in force now, chairs first."),
  url: pageUrl,
});

/** Chairs first, then by start of term, as the pages list them; the term's id settles ties. */
function ordered(rows: MemberRow[]): MemberRow[] {
  const rank = (row: MemberRow) => (row.role === "chair" ? 0 : 1);
  return [...rows].sort(
    (a, b) =>
      a.group.localeCompare(b.group) ||
      rank(a) - rank(b) ||
      a.startsAt.getTime() - b.startsAt.getTime() ||
      a.membershipId.localeCompare(b.membershipId),
  );
}

function termOf(row: MemberRow): z.input<typeof term> {
  return {
    name: row.name,
    affiliation: row.affiliation,
    role: row.role,
    startsAt: iso(row.startsAt),
    endsAt: iso(row.endsAt),
    status: row.status,
    conflictOfInterest: row.conflictOfInterest,
  };
}

const urlOf = (origin: string, group: Group) => `${origin}${groupPath(groupSlugs[group])}`;

const listGroups = defineEndpoint({
  method: "GET",
  path: "/groups",
  operationId: "listGroups",
  summary: "The advisory group and the steering committee",
  description: "Each with its members in office now, and the secretariat, as the groups page.",
  group: "Groups",
  response: z.object({
    data: z.array(groupSummary),
    secretariat: z
      .array(z.object({ name: z.string(), affiliation: z.string() }))
      .describe("Who runs Hum; the secretariat never votes by virtue of the role."),
  }),
  example: { path: "/groups" },
  handle: async ({ db, now, origin }) => {
    const [terms, secretariat] = await Promise.all([
      listMemberships(db, {}, now),
      listSecretariat(db),
    ]);
    return {
      data: groups.map((group) => ({
        group,
        slug: groupSlugs[group],
        members: ordered(terms)
          .filter((row) => row.group === group && row.status === "current")
          .map(termOf),
        url: urlOf(origin, group),
      })),
      secretariat: secretariat.map((person) => ({
        name: person.name,
        affiliation: person.affiliation ?? "",
      })),
    };
  },
});

const getGroup = defineEndpoint({
  method: "GET",
  path: "/groups/{group}",
  operationId: "getGroup",
  summary: "A group with every term and its members' declarations",
  description:
    "Current, upcoming and past terms, and every version of each member's conflict-of-interest declaration, oldest first: nothing is edited away.",
  group: "Groups",
  params: z.object({
    group: z.enum(groupSlugValues).describe("`advisory-group` or `steering-committee`."),
  }),
  response: groupSummary.extend({
    members: z.array(term).describe("Every term, chairs first, then by start."),
    declarations: z.array(
      z.object({
        name: z.string(),
        versions: z.array(
          z.object({ text: z.string(), affiliation: z.string(), declaredAt: timestamp }),
        ),
      }),
    ),
  }),
  example: { path: "/groups/advisory-group" },
  handle: async ({ db, params, now, origin }) => {
    // The schema admits only the groups' slugs: an unknown one is a 404 before this runs.
    const group = groupFromSlug(params.group) as Group;
    const terms = ordered(await listMemberships(db, { group }, now));
    const history = await listDeclarationHistory(
      db,
      terms.map((row) => row.userId),
    );
    // Each member once, in the order of their first term above.
    const members = [...new Map(terms.map((row) => [row.userId, row.name])).entries()];
    return {
      group,
      slug: groupSlugs[group],
      members: terms.map(termOf),
      url: urlOf(origin, group),
      declarations: members.map(([userId, name]) => ({
        name,
        versions: (history.get(userId) ?? []).map((version) => ({
          text: version.text,
          affiliation: version.affiliation,
          declaredAt: iso(version.declaredAt),
        })),
      })),
    };
  },
});

/** The advisory group and the steering committee, members and terms. */
export const groupsEndpoints: Endpoint[] = [listGroups, getGroup];
