import "server-only";
import { eq } from "drizzle-orm";
import { appealChallenge, challengesDue, voteOnChallenge } from "@/lib/challenges/deciding";
import { fileChallenge, fileMisuseReport } from "@/lib/challenges/filing";
import { respondToChallenge } from "@/lib/challenges/responses";
import type { Database } from "@/lib/db/client";
import { addDays } from "@/lib/decisions/rules";
import { demoViewers } from "@/lib/demo/viewers";
import { requireRepresentative } from "@/lib/registry/authz";
import { saveDeclaration } from "@/lib/registry/declarations";
import { publishDeclaration } from "@/lib/registry/publish";
import { declarations, evidenceLinks } from "@/lib/registry/schema";
import { getWorkingCopy } from "@/lib/registry/working-copy";

/*
 * The demo's challenges, through the same entry points as the pages and the scheduler, each at
 * its moment in the past so the record reads in order: one dismissed after the appeal window,
 * one upheld and cured by a new version, one struck off after an appeal, and a report of misuse
 * still before the advisory group. Written after the registry (seed-registry.ts), whose
 * declarations they challenge; the timeline fits between its listings and `now`.
 */

/** The declaration of a demo product, by its name. */
async function declarationOf(db: Database, product: string) {
  const [row] = await db
    .select({
      number: declarations.number,
      organisationId: declarations.organisationId,
      working: declarations.working,
    })
    .from(declarations)
    .where(eq(declarations.productName, product));
  if (!row) throw new Error(`the demo declaration of ${product} is missing`);
  return row;
}

/** The reference of a clause of the declaration's release, by its title. */
async function refOf(db: Database, number: number, title: string): Promise<string> {
  const copy = await getWorkingCopy(db, number);
  const ref = copy?.content?.clauses.find((clause) => clause.title === title)?.ref;
  if (!ref) throw new Error(`the demo clause "${title}" is missing`);
  return ref;
}

/** Adds the demo challenges; the demo registry must already be there. */
export async function seedDemoChallenges(
  db: Database,
  emailOf: (key: string) => string,
  now = new Date(),
): Promise<void> {
  const at = (days: number) => addDays(now, days);
  const who = (key: string, day: number) => demoViewers(db, emailOf, at(day))(key);
  const vote = async (
    key: string,
    number: number,
    day: number,
    input: Parameters<typeof voteOnChallenge>[3],
  ) => voteOnChallenge(db, await who(key, day), number, input, at(day));

  const camera = await declarationOf(db, "Glow Indoor Camera");
  const thermostat = await declarationOf(db, "Hearthly Thermostat T3");
  const plug = await declarationOf(db, "Glow Smart Plug");
  const consent = "Separate consent for optional data";

  // Struck off after an appeal: filed by a privacy engineer, disputed, decided by the advisory
  // group two to one, appealed by the declarant, upheld by the steering committee.
  const struck = await fileChallenge(
    db,
    await who("noor", -14.5),
    {
      declarationNumber: camera.number,
      clauses: [
        await refOf(db, camera.number, consent),
        await refOf(db, camera.number, "Published retention periods"),
      ],
      reason:
        "From its first start the camera uploads motion clips to Brightbulb's cloud, before the app shows any consent screen: the capture linked here shows the uploads during setup. The retention page the declaration cites says clips are kept 30 days, but clips from the first week were still in the app after 60.",
      evidence: [
        "https://evidence.example.net/glow-indoor-camera/setup-capture",
        "https://evidence.example.net/glow-indoor-camera/retention-screenshots",
      ],
      withholdName: false,
    },
    at(-14.5),
  );
  await respondToChallenge(
    db,
    await who("kofi", -14),
    struck.number,
    {
      response: "dispute",
      text: "Uploading clips is the service a buyer chooses when they buy a cloud camera, and the terms accepted at setup say so. The 60-day clips came from a test account with an extended plan.",
      evidence: ["https://brightbulb.example.org/terms/glow-indoor-camera"],
    },
    at(-14),
  );

  // Dismissed: the end date was where the declaration said; no one appeals.
  const dismissed = await fileChallenge(
    db,
    await who("jonas", -13),
    {
      declarationNumber: thermostat.number,
      clauses: [await refOf(db, thermostat.number, "Declared end date for security updates")],
      reason:
        "The thermostat's product page gives no end date for security updates, and the shop's listing does not either. A buyer cannot find out how long the T3 will be fixed.",
      evidence: ["https://hearthly.example.org/thermostat-t3"],
      withholdName: false,
    },
    at(-13),
  );

  await vote("rosa", struck.number, -13, {
    stage: "ag",
    choice: "strike_off",
    rationale:
      "The capture shows clips leaving the home before any consent is asked, which the declaration says never happens. Terms accepted at setup are not the separate consent the clause asks for.",
  });
  await vote("tomas", struck.number, -12.9, {
    stage: "ag",
    choice: "dismiss",
    rationale:
      "The uploads are real, but the retention figure came from an unusual account. I would rather have seen Brightbulb cure the consent answer than lose the listing.",
  });
  await vote("mei", struck.number, -12.8, {
    stage: "ag",
    choice: "strike_off",
    rationale:
      "Brightbulb disputes the finding instead of correcting the answer, and the capture is clear. A listing that says the opposite of what the camera does cannot stay.",
  });

  await respondToChallenge(
    db,
    await who("noor", -12),
    dismissed.number,
    {
      response: "dispute",
      text: 'The end date, March 2032, is on the support page our answer cites, and the product page links to it in its footer under "Support and updates".',
      evidence: ["https://hearthly.example.org/support/thermostat-t3/updates"],
    },
    at(-12),
  );
  // Two of the three members make a strict majority: the decision is taken with the second vote.
  for (const [index, key] of ["rosa", "mei"].entries()) {
    await vote(key, dismissed.number, -11 + index * 0.1, {
      stage: "ag",
      choice: "dismiss",
      rationale:
        index === 0
          ? "The support page states the end date plainly and the product page links to it. The clause asks for a declared date, not one on every page."
          : "The date is published where the answer says; nothing in the declaration is false.",
    });
  }

  await appealChallenge(
    db,
    await who("kofi", -10),
    struck.number,
    "We were not given the chance to correct the consent screen before the decision: a firmware update with a separate consent step is ready, and we asked to cure rather than be struck off.",
    at(-10),
  );

  // Upheld and cured: the challenger withholds their name; the declarant publishes a version
  // that answers the clause anew within the window, then says so.
  const cured = await fileChallenge(
    db,
    await who("jonas", -8.8),
    {
      declarationNumber: plug.number,
      clauses: [await refOf(db, plug.number, consent)],
      reason:
        "The Glow app turns on usage statistics in the same screen as the terms of service: there is no separate choice, although the declaration says optional data is asked for separately.",
      evidence: ["https://evidence.example.net/glow-app-3-2/onboarding-screens"],
      withholdName: true,
    },
    at(-8.8),
  );

  for (const [index, key] of ["amara", "lena"].entries()) {
    await vote(key, struck.number, -8.5 + index * 0.05, {
      stage: "sc",
      choice: "strike_off",
      rationale:
        index === 0
          ? "A cure was open to Brightbulb for thirty days and it chose to dispute. The advisory group's reading of the capture is sound; the listing is struck off."
          : "The decision follows the evidence, and the declarant had its chance to answer.",
    });
  }

  const kofi = await who("kofi", -8.3);
  const rep = await requireRepresentative(
    db,
    kofi,
    plug.organisationId,
    "registry.publish_declaration",
    at(-8.3),
  );
  const consentRef = await refOf(db, plug.number, consent);
  const cureEvidence = "https://brightbulb.example.org/privacy/glow-smart-plug/app-3-4-consent";
  const working = plug.working;
  await saveDeclaration(
    db,
    rep,
    plug.number,
    {
      release: working.release.version,
      product: working.product,
      claims: working.claims,
      answers: working.answers.map((answer) =>
        answer.ref === consentRef
          ? {
              ...answer,
              justification:
                "Since app version 3.4 the Glow app asks for usage statistics on a screen of their own, after the terms, and they stay off unless the owner turns them on. Earlier versions asked in the same screen as the terms; that was wrong.",
              evidence: [cureEvidence],
            }
          : answer,
      ),
    },
    at(-8.3),
  );
  const { version } = await publishDeclaration(db, rep, plug.number, at(-8.29));
  // The evidence checker has since read the new page, as it reads every cited page.
  await db
    .update(evidenceLinks)
    .set({
      state: "ok",
      status: 200,
      finalUrl: cureEvidence,
      checkedAt: at(-8.1),
      changedAt: at(-8.1),
      nextCheckAt: addDays(now, 6),
    })
    .where(eq(evidenceLinks.url, cureEvidence));
  await respondToChallenge(
    db,
    kofi,
    cured.number,
    {
      response: "cure",
      text: `Version ${version} of the declaration answers the clause anew: the app asks for usage statistics separately since version 3.4, released to every phone.`,
      evidence: [cureEvidence],
    },
    at(-8.28),
  );
  for (const [index, key] of ["mei", "tomas"].entries()) {
    await vote(key, cured.number, -8 + index * 0.1, {
      stage: "ag",
      choice: "uphold_cured",
      rationale:
        index === 0
          ? "The challenge was right about the app as it was; the new version and the app update answer it, so the listing stays with the corrected answer."
          : "Upheld, and cured by the new version.",
    });
  }

  // The dismissal's appeal window ends without an appeal.
  await challengesDue(db, at(-3));

  // A report of misuse, still before the advisory group.
  const report = await fileMisuseReport(
    db,
    await who("kofi", -2),
    {
      standardSlug: "iotmark",
      subjectName: "VoltNest Wi-Fi plugs",
      seenAt: "An online marketplace listing, and on the box in its photos",
      subjectUrl: "https://marketplace.example.com/listing/voltnest-wifi-plug-4-pack",
      reason:
        'The listing and the box show the IoTmark badge with the words "Silver certified". VoltNest has no declaration in the registry, and IoTmark certifies nothing: it is a self-declared mark.',
      evidence: ["https://marketplace.example.com/listing/voltnest-wifi-plug-4-pack/photos/3"],
      withholdName: false,
    },
    at(-2),
  );
  await vote("mei", report.number, -1, {
    stage: "ag",
    choice: "confirm_misuse",
    rationale:
      "The photos show the badge and a claim the mark does not make, and the registry has no VoltNest declaration.",
  });
  // The cure's appeal window ends without an appeal too.
  await challengesDue(db, at(-0.5));
}
