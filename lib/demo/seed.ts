import "server-only";
import { eq } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/mutations";
import { users } from "@/lib/auth/schema";
import { endOfDay, type Group, nameKey, type Role, startOfDay } from "@/lib/community/rules";
import { conflictDeclarations, memberships } from "@/lib/community/schema";
import type { Database, Transaction } from "@/lib/db/client";
import { demoFrameworks } from "@/lib/demo/frameworks";
import { seedDemoCalls } from "@/lib/demo/seed-calls";
import { seedDemoChallenges } from "@/lib/demo/seed-challenges";
import { seedDemoClauses } from "@/lib/demo/seed-clauses";
import { seedDemoDiscussion } from "@/lib/demo/seed-discussion";
import { seedDemoLastCall } from "@/lib/demo/seed-last-call";
import { seedDemoRegistry } from "@/lib/demo/seed-registry";
import { seedDemoReleases } from "@/lib/demo/seed-releases";
import { seedDemoReviews } from "@/lib/demo/seed-reviews";
import { seedDemoSections } from "@/lib/demo/seed-sections";
import { seedDemoTranslations } from "@/lib/demo/seed-translations";
import { frameworks, levels, modules, standards } from "@/lib/drafting/schema";

/** Demo accounts use a reserved domain (RFC 2606), so no message can ever reach a real inbox. */
export const DEMO_EMAIL_DOMAIN = "demo.hum.invalid";

type DemoPerson = {
  key: string;
  name: string;
  affiliation: string;
  conflictOfInterest: string;
  isSecretariat?: boolean;
  terms?: { group: Group; role: Role; startsOn: string; endsOn?: string }[];
};

export const demoPeople: DemoPerson[] = [
  {
    key: "sam",
    name: "Sam Okafor",
    affiliation: "Hum secretariat",
    conflictOfInterest: "None.",
    isSecretariat: true,
  },
  {
    key: "rosa",
    name: "Rosa Lindqvist",
    affiliation: "Nordic Consumer Council",
    conflictOfInterest: "Employed by a consumer organisation that may certify products.",
    terms: [
      { group: "advisory_group", role: "chair", startsOn: "2026-01-01", endsOn: "2027-12-31" },
    ],
  },
  {
    key: "tomas",
    name: "Tomás Ferreira",
    affiliation: "Independent security researcher",
    conflictOfInterest:
      "Paid security audits for Lockwise and one other smart-lock vendor in 2025.",
    terms: [{ group: "advisory_group", role: "member", startsOn: "2026-01-01" }],
  },
  {
    key: "mei",
    name: "Mei Tanaka",
    affiliation: "Open Hardware Collective",
    conflictOfInterest: "None.",
    terms: [{ group: "advisory_group", role: "member", startsOn: "2026-03-01" }],
  },
  {
    key: "jonas",
    name: "Jonas Becker",
    affiliation: "Former maintainer, HomeHub firmware",
    conflictOfInterest: "Holds shares in HomeHub GmbH.",
    terms: [
      { group: "advisory_group", role: "member", startsOn: "2025-01-01", endsOn: "2025-12-31" },
    ],
  },
  {
    key: "amara",
    name: "Amara Diallo",
    affiliation: "Digital Rights Lab",
    conflictOfInterest: "None.",
    terms: [{ group: "steering_committee", role: "chair", startsOn: "2026-01-01" }],
  },
  {
    key: "piotr",
    name: "Piotr Nowak",
    affiliation: "University of Gdańsk",
    conflictOfInterest: "Research grant from Thermaworks, a thermostat maker (2024–2026).",
    terms: [{ group: "steering_committee", role: "member", startsOn: "2026-01-01" }],
  },
  {
    key: "lena",
    name: "Lena Moreau",
    affiliation: "Repair Café network",
    conflictOfInterest: "None.",
    terms: [{ group: "steering_committee", role: "member", startsOn: "2026-01-01" }],
  },
  {
    key: "kofi",
    name: "Kofi Mensah",
    affiliation: "Brightbulb Ltd (product manager)",
    conflictOfInterest: "Works for a vendor of connected light bulbs.",
  },
  {
    key: "noor",
    name: "Noor Haddad",
    affiliation: "Privacy engineer, independent",
    conflictOfInterest: "None.",
  },
];

export const demoStandard = {
  slug: "iotmark",
  name: "IoTmark Principles",
  summary:
    "A trustmark for connected consumer products: it tells a buyer that the product respects privacy, security, openness and its owner for as long as it is in use.",
  modules: [
    ["ORG", "Organisation", "Who stands behind the product and how they answer for it."],
    ["HW", "Hardware", "The device itself: repair, physical security, end of life."],
    ["SW", "Software", "Firmware and apps: updates, vulnerabilities, support period."],
    ["LEGAL", "Legal", "Terms, warranties and what the buyer agrees to."],
    ["DATA", "Data", "What is collected, where it goes and who controls it."],
  ],
  levels: [
    ["Bronze", "The baseline every marked product meets."],
    ["Silver", "Stronger commitments for products that go further."],
    ["Gold", "The best current practice, for leaders."],
  ],
} as const;

export function demoEmail(key: string): string {
  return `${key}@${DEMO_EMAIL_DOMAIN}`;
}

async function seedPeople(tx: Transaction, now: Date): Promise<void> {
  await tx.insert(users).values(
    demoPeople.map((person) => ({
      name: person.name,
      nameKey: nameKey(person.name),
      email: demoEmail(person.key),
      emailVerified: new Date(),
      affiliation: person.affiliation,
      conflictOfInterest: person.conflictOfInterest,
      isSecretariat: person.isSecretariat ?? false,
    })),
  );
  const rows = await tx.select({ id: users.id, email: users.email }).from(users);
  const idOf = new Map(rows.map((row) => [row.email, row.id]));
  // Each declaration's first version, so the groups pages show its history from the start. It
  // is dated a year back, before the demo's calls, whose votes name the version in force.
  const declaredAt = new Date(now.getTime() - 365 * 24 * 60 * 60 * 1000);
  await tx.insert(conflictDeclarations).values(
    demoPeople.flatMap((person) => {
      const userId = idOf.get(demoEmail(person.key));
      return userId
        ? [{ userId, text: person.conflictOfInterest, affiliation: person.affiliation, declaredAt }]
        : [];
    }),
  );
  const secretaryId = idOf.get(demoEmail("sam")) ?? null;
  for (const person of demoPeople) {
    const userId = idOf.get(demoEmail(person.key));
    if (!userId) continue;
    await recordAudit(tx, {
      actorId: userId,
      action: "community.joined",
      subjectType: "user",
      subjectId: userId,
    });
    for (const term of person.terms ?? []) {
      const [created] = await tx
        .insert(memberships)
        .values({
          userId,
          group: term.group,
          role: term.role,
          startsAt: startOfDay(term.startsOn),
          endsAt: term.endsOn ? endOfDay(term.endsOn) : null,
          appointedBy: secretaryId,
        })
        .returning({ id: memberships.id });
      await recordAudit(tx, {
        actorId: secretaryId,
        action: "community.member_appointed",
        subjectType: "user",
        subjectId: userId,
        details: {
          membership: created?.id ?? null,
          group: term.group,
          role: term.role,
          startsOn: term.startsOn,
          endsOn: term.endsOn ?? null,
        },
      });
    }
  }
}

async function seedStandard(tx: Transaction, now: Date): Promise<string> {
  const [standard] = await tx
    .insert(standards)
    .values({ slug: demoStandard.slug, name: demoStandard.name, summary: demoStandard.summary })
    .returning({ id: standards.id });
  if (!standard) throw new Error("could not create the demo standard");
  await tx.insert(modules).values(
    demoStandard.modules.map(([code, name, summary], position) => ({
      standardId: standard.id,
      code,
      name,
      summary,
      position,
    })),
  );
  await tx.insert(levels).values(
    demoStandard.levels.map(([name, summary], position) => ({
      standardId: standard.id,
      name,
      summary,
      position,
    })),
  );
  await tx
    .insert(frameworks)
    .values(demoFrameworks.map((framework) => ({ ...framework, standardId: standard.id })));
  await seedDemoClauses(tx, standard.id, demoEmail, now);
  await seedDemoSections(tx, standard.id, demoEmail, now);
  await recordAudit(tx, {
    actorId: null,
    action: "drafting.standard_created",
    subjectType: "standard",
    subjectId: demoStandard.slug,
    details: { name: demoStandard.name },
  });
  return standard.id;
}

/** Creates the demo community once; does nothing when it is already there. */
export async function seedDemo(
  db: Database,
  now = new Date(),
  options: { releases?: boolean } = {},
): Promise<boolean> {
  const standardId = await db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: standards.id })
      .from(standards)
      .where(eq(standards.slug, demoStandard.slug));
    if (existing) return null;
    await seedPeople(tx, now);
    return seedStandard(tx, now);
  });
  if (!standardId) return false;
  // Calls go through the decision rules, each step in its own transaction, as in real use.
  // Releases come first: they adopt every clause, through calls, months before today's calls.
  if (options.releases) {
    await seedDemoReleases(db, standardId, demoEmail, now);
    await seedDemoTranslations(db, standardId, demoEmail, now);
    await seedDemoRegistry(db, standardId, demoEmail, now);
    await seedDemoChallenges(db, demoEmail, now);
    // Reviews read the registry: its organisations answer their survey.
    await seedDemoReviews(db, standardId, demoEmail, now);
  }
  await seedDemoCalls(db, standardId, demoEmail, now);
  await seedDemoLastCall(db, standardId, demoEmail, now);
  await seedDemoDiscussion(db, standardId, demoEmail, now);
  return true;
}
