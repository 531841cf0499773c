/**
 * Demo clauses for the IoTmark Principles standard, used to seed a realistic draft.
 *
 * Every clause is original wording written for this demo. Bodies, assessment criteria and
 * examples are Markdown in the subset the clause editor accepts: paragraphs, bold, italic,
 * inline code, https links, and bullet or ordered lists. Brand names are invented and links
 * point at example domains only. Entries are grouped by module: ORG, HW, SW, LEGAL, DATA.
 */
import type { Strength } from "@/lib/drafting/rich-text";

export type DemoClause = {
  moduleCode: "ORG" | "HW" | "SW" | "LEGAL" | "DATA";
  /** Short, 3 to 8 words, no trailing period. */
  title: string;
  /** Lowest level that requires the clause; null means recommended only. */
  level: "Bronze" | "Silver" | "Gold" | null;
  /** Matches the RFC 2119 keyword in the first sentence of the body (MUST NOT counts as MUST). */
  strength: Strength;
  /** Markdown: the requirement, then optional rationale. */
  body: string;
  /** Markdown: the public evidence that justifies a claim of conformance. */
  assessment: string;
  /** Markdown: one to three concrete examples. */
  examples: string;
  /** Earlier wordings of the body, oldest first, to seed a revision history. */
  earlierBodies?: string[];
};

/** Joins Markdown blocks with a blank line between them. */
function md(...blocks: string[]): string {
  return blocks.join("\n\n");
}

/** A Markdown bullet list. */
function ul(...items: string[]): string {
  return `- ${items.join("\n- ")}`;
}

/** A Markdown ordered list. */
function ol(...items: string[]): string {
  const lines: string[] = [];
  for (const [index, item] of items.entries()) lines.push(`${index + 1}. ${item}`);
  return lines.join("\n");
}

export const demoClauses: DemoClause[] = [
  // ORG: organisation

  {
    moduleCode: "ORG",
    title: "Named entity accountable for the product",
    level: "Bronze",
    strength: "MUST",
    body: md(
      "The vendor MUST name, on the product page and in the printed documentation, the legal entity that answers for the product, together with its registered address.",
      "A buyer with a problem needs to know whom to hold to account. Brand licensing, resellers and white-label deals often blur this; the declaration makes it explicit.",
    ),
    assessment: md(
      "Links to the product page or manual section that names the accountable entity, and to that entity's entry in a public company register.",
    ),
    examples: ul(
      "The box and web page of the **Hearthly T3** thermostat both read: *Made for and supported by Hearthly Oy, Helsinki, business ID 1234567-8.*",
      "A white-label smart plug sold as **Plugmate** names the brand owner, not the contract factory, as the accountable entity.",
    ),
  },
  {
    moduleCode: "ORG",
    title: "Public contact point for security reports",
    level: "Bronze",
    strength: "MUST",
    body: md(
      "The vendor MUST provide a public contact point where anyone can report a security problem without needing an account, a proof of purchase or a non-disclosure agreement.",
      "The contact point lives at a stable address and someone reads it. Publishing a `security.txt` file in the format of RFC 9116 is an easy way to make it discoverable.",
    ),
    assessment: md(
      "The URL of the contact point, for example `https://example.com/.well-known/security.txt`, and a link showing that it can be reached from the support site.",
    ),
    examples: ul(
      "Kestrel lists `security@kestrel.example` in its `security.txt` file and on the support page of its video doorbell.",
      "Nimbus runs a web form for security reports that asks only for an email address and a description.",
    ),
  },
  {
    moduleCode: "ORG",
    title: "Published vulnerability disclosure policy",
    level: "Bronze",
    strength: "MUST",
    body: md(
      "The vendor MUST publish a vulnerability disclosure policy that tells researchers how to report a problem, when they will hear back, and how the report will be handled.",
      "The policy covers at least:",
      ul(
        "the products and services in scope;",
        "an acknowledgement within five working days;",
        "a promise not to take legal action against people who report in good faith;",
        "how and when fixed problems are made public.",
      ),
    ),
    assessment: md(
      "The URL of the disclosure policy, linked from the product page or the security contact point, with each of the four listed topics addressed.",
    ),
    examples: ul(
      "The Dustwhirl policy at [example.com/security/policy](https://example.com/security/policy) covers its robot vacuums and companion app, promises a reply within three working days, and commits to a joint publication date with the reporter.",
    ),
    earlierBodies: [
      "The vendor MUST have a vulnerability disclosure policy.",
      "The vendor MUST publish a policy for handling vulnerability reports, including how to get in touch.",
    ],
  },
  {
    moduleCode: "ORG",
    title: "Disclosure of ownership and funding",
    level: "Silver",
    strength: "SHOULD",
    body: md(
      "The vendor SHOULD publish who ultimately owns and controls the company, including any parent company or investor able to direct its product decisions.",
      "Changes of ownership often come before changes to data practices or the closure of cloud services. Knowing who is in charge helps buyers judge how long a product is likely to be looked after.",
    ),
    assessment: md(
      "A link to a dated *Ownership* or *About us* page listing the parent company and any shareholder with a controlling or significant stake, with the date it was last reviewed.",
    ),
    examples: ul(
      "Sparrowlight states on its about page that it is a subsidiary of Lumora Holdings and that a venture fund holds 30 percent of Lumora's shares.",
      "After being acquired, Lullwave updated its ownership page within a month and emailed registered owners of its baby monitors.",
    ),
  },
  {
    moduleCode: "ORG",
    title: "Advisories for fixed vulnerabilities",
    level: "Silver",
    strength: "MUST",
    body: md(
      "The vendor MUST publish a security advisory for every fixed vulnerability that affects owners, giving the affected versions, the fixed version and any action owners need to take.",
      "Where a CVE identifier has been assigned, the advisory cites it. Advisories stay online for at least as long as the product is supported.",
    ),
    assessment: md(
      "The URL of the advisory archive or feed, with one example advisory, or a dated statement that no vulnerability has been fixed so far.",
    ),
    examples: ul(
      "Keyhaven publishes advisories as an RSS feed; one explains that firmware 2.4.1 of its smart lock fixes a Bluetooth pairing flaw and that the update installs automatically.",
    ),
  },
  {
    moduleCode: "ORG",
    title: "Yearly transparency report",
    level: "Gold",
    strength: "SHOULD",
    body: md(
      "The vendor SHOULD publish a transparency report every year that covers requests from authorities for owner data, security incidents, and the number of vulnerability reports received and fixed.",
      "Numbers are given per country where the law allows, and the report says how many requests were refused or challenged.",
    ),
    assessment: md("Links to the two most recent reports, showing that they appear every year."),
    examples: ul(
      "Kestrel's report for 2025 lists 14 police requests for doorbell footage, of which 9 were refused for lack of a court order.",
    ),
  },
  {
    moduleCode: "ORG",
    title: "Rewards for vulnerability reports",
    level: null,
    strength: "MAY",
    body: md(
      "The vendor MAY reward people who report valid vulnerabilities, in money or in kind, under published rules.",
      "A reward scheme does not replace the disclosure policy, and payment is never made conditional on staying silent once the problem is fixed.",
    ),
    assessment: md(
      "The URL of the rules of the reward scheme, showing the amounts or rewards on offer.",
    ),
    examples: ul(
      "Nimbus pays between 200 and 5000 euros for vulnerabilities in its smart speakers, depending on severity.",
    ),
  },

  // HW: hardware

  {
    moduleCode: "HW",
    title: "No open debug interfaces",
    level: "Bronze",
    strength: "MUST",
    body: md(
      "The product MUST NOT ship with a debug interface, such as JTAG, SWD or a serial console, that gives privileged access to the device without a per-device credential.",
      "Debug pads can stay on the board for repair and diagnosis if they are disabled, locked, or limited to functions that reveal no secrets. Owners who want to reflash their device are covered by a separate clause.",
    ),
    assessment: md(
      "A teardown report or test note from an independent lab showing that the exposed pads and headers give neither a shell nor memory access without a per-device credential.",
    ),
    examples: ul(
      "The UART header on the **Plugmate Mini** smart plug prints boot messages but asks for a unit-specific password before offering a shell.",
      "Lullwave fuses off JTAG on its baby monitor camera during the final factory test.",
    ),
  },
  {
    moduleCode: "HW",
    title: "Repairable with common tools",
    level: "Silver",
    strength: "SHOULD",
    body: md(
      "The product SHOULD be built so that the parts most likely to fail, such as the battery, power supply, buttons and display, can be swapped with ordinary tools and without breaking the enclosure.",
      "Glued housings and unusual screw heads turn a cheap fix into a new purchase.",
    ),
    assessment: md(
      "A published repair guide with step-by-step photos, or an independent teardown report that rates the product's repairability and lists the tools needed.",
    ),
    examples: ul(
      "The **Dustwhirl R5** robot vacuum uses Phillips screws throughout; its brushes, wheels and battery can each be replaced in under ten minutes.",
      "The battery pack of the Kestrel doorbell slides out after removing two screws.",
    ),
  },
  {
    moduleCode: "HW",
    title: "Spare parts for the support period",
    level: "Silver",
    strength: "MUST",
    body: md(
      "The manufacturer MUST sell spare parts for the components most likely to fail, at a reasonable price, for at least the declared support period of the product.",
      "Parts are available to owners and independent repairers alike, not only to authorised service centres.",
    ),
    assessment: md(
      "The URL of the spare-parts shop or price list, and the support-period statement it refers to.",
    ),
    examples: ul(
      "Dustwhirl sells side brushes, filters, wheels and batteries for the R5 on its own web shop and promises to keep stock until 2032.",
    ),
  },
  {
    moduleCode: "HW",
    title: "Hardware-protected key storage",
    level: "Gold",
    strength: "SHOULD",
    body: md(
      "The product SHOULD keep its cryptographic identity keys in a secure element or a similar hardware-isolated store from which they cannot be read out.",
      "A key that cannot be extracted cannot be copied to another device, which makes impersonation and attacks on a whole fleet much harder.",
    ),
    assessment: md(
      "The datasheet or security white paper naming the secure element or trusted execution environment used, and stating which keys it holds.",
    ),
    examples: ul(
      "The **Keyhaven K2** smart lock stores its device certificate and unlock keys in a certified secure element next to the main processor.",
    ),
  },
  {
    moduleCode: "HW",
    title: "Core functions work offline",
    level: "Silver",
    strength: "MUST",
    body: md(
      "The product MUST keep performing its core function when the internet connection or the vendor's cloud service is unavailable.",
      "A thermostat still heats, a lock still opens from its keypad or from the app on the home network, a bulb still switches from the wall. Remote access and cloud features can stop while offline; the basic purpose of the product cannot.",
    ),
    assessment: md(
      "A test report, or the vendor's own published test procedure and results, showing each core function listed in the declaration working with the internet link disconnected.",
    ),
    examples: ul(
      "The Hearthly T3 thermostat keeps following its weekly heating schedule when the router loses its connection.",
      "Sparrowlight bulbs respond to their paired wall switch and to the app on the local network during a cloud outage.",
    ),
    earlierBodies: [
      "The product MUST work offline.",
      "The product MUST work without the internet as far as possible.",
    ],
  },
  {
    moduleCode: "HW",
    title: "Free take-back and recycling",
    level: "Bronze",
    strength: "MUST",
    body: md(
      "The manufacturer MUST offer owners a free way to return the product for recycling at the end of its life, and publish how to use it.",
      "Batteries can be removed before disposal, or the take-back scheme handles them separately.",
    ),
    assessment: md(
      "The URL of the take-back page, with drop-off addresses or a prepaid shipping label, and the name of the recycling scheme or partner.",
    ),
    examples: ul(
      "Nimbus owners print a prepaid label from [example.com/recycle](https://example.com/recycle) and post their old speaker to a certified recycler.",
    ),
  },
  {
    moduleCode: "HW",
    title: "Battery the owner can replace",
    level: "Gold",
    strength: "MUST",
    body: md(
      "The product MUST let the owner replace its rechargeable battery without specialist tools, heat or solvents.",
      "The battery is usually the first part to wear out. A sealed battery ties the life of the whole product to its weakest component.",
    ),
    assessment: md(
      "The battery replacement procedure in the manual or on the support site, and the part number and price of the replacement battery.",
    ),
    examples: ul(
      "The **Pulsewise Band 4** fitness wearable has a battery held by two small screws; replacements cost 19 euros.",
      "The parent unit of the Lullwave baby monitor takes a standard rechargeable cell behind a clip-on cover.",
    ),
  },
  {
    moduleCode: "HW",
    title: "Published schematics and board documentation",
    level: null,
    strength: "MAY",
    body: md(
      "The manufacturer MAY publish schematics, board layouts and a parts list for the product, under a licence that allows repair and modification.",
    ),
    assessment: md(
      "The URL of the published hardware documentation and the licence it is released under.",
    ),
    examples: ul(
      "Plugmate publishes the schematics of its smart plug under a CERN open hardware licence, which has helped repair cafés fix failed relays.",
    ),
  },

  // SW: software

  {
    moduleCode: "SW",
    title: "No universal default passwords",
    level: "Bronze",
    strength: "MUST",
    body: md(
      "The product MUST NOT rely on any password, PIN or key that is the same on every unit or that can be derived from public information such as the serial number or network address.",
      "Each device either ships with its own credential or asks the owner to set one before it can be used on a network.",
    ),
    assessment: md(
      "The section of the security documentation that explains how each unit's first credential is generated or set, and an independent test note comparing at least two units.",
    ),
    examples: ul(
      "Each Lullwave baby monitor has a random setup code printed on a sticker inside the battery compartment.",
      "The Keyhaven lock refuses to join the home network until the owner has chosen an admin PIN in the app.",
    ),
    earlierBodies: [
      "The product MUST NOT use default passwords.",
      "The product MUST NOT use a default password that is the same on every device.",
    ],
  },
  {
    moduleCode: "SW",
    title: "Declared end date for security updates",
    level: "Bronze",
    strength: "MUST",
    body: md(
      "The vendor MUST state, before purchase, the date until which the product will receive security updates.",
      "The period is given as a calendar date rather than a vague promise, and appears on the product page and the packaging. It can be extended later but never shortened.",
    ),
    assessment: md(
      "A link to the product page showing the end-of-support date, and a photo of the packaging or a retailer listing showing the same date.",
    ),
    examples: ul(
      "The Hearthly T3 box carries the line *Security updates guaranteed until 31 December 2033*.",
    ),
  },
  {
    moduleCode: "SW",
    title: "Timely fixes for serious vulnerabilities",
    level: "Bronze",
    strength: "MUST",
    body: md(
      "The vendor MUST release a fix or a documented workaround for every vulnerability rated high or critical within 90 days of learning about it, for as long as the product is supported.",
      "Actively exploited vulnerabilities are treated as emergencies and fixed as fast as possible.",
    ),
    assessment: md(
      "The vendor's published commitment on fix times, and its advisory archive, from which the time between report and fix can be checked.",
    ),
    examples: ul(
      "Nimbus fixed a remote code execution flaw in its speaker firmware 23 days after it was reported, and the advisory gives both dates.",
    ),
  },
  {
    moduleCode: "SW",
    title: "Cryptographically signed updates",
    level: "Bronze",
    strength: "MUST",
    body: md(
      "The product MUST install only software updates whose cryptographic signature it has checked against a key stored on the device.",
      "An update that fails the check is discarded, and the device keeps running its current version. Signing keys are kept offline or in a hardware security module.",
    ),
    assessment: md(
      "The section of the security white paper describing the signing scheme and how keys are kept, or a lab report showing that a tampered firmware image is rejected.",
    ),
    examples: ul(
      "The Dustwhirl R5 verifies an Ed25519 signature on each firmware image before writing it to the inactive partition, and rolls back if the new image fails to boot.",
    ),
  },
  {
    moduleCode: "SW",
    title: "Automatic security updates by default",
    level: "Silver",
    strength: "SHOULD",
    body: md(
      "The product SHOULD install security updates automatically out of the box, while letting the owner postpone updates or switch automatic installation off.",
      "Most owners never check for updates by hand. Updates are installed at a time that does not interrupt use, such as overnight for a thermostat or when a lock is idle.",
    ),
    assessment: md(
      "The manual or support page describing the default update setting and how the owner can change it.",
    ),
    examples: ul(
      "Keyhaven locks install updates between 2 and 4 in the morning, and never while the door is open.",
      "Sparrowlight bulbs update one at a time so that a room never goes fully dark.",
    ),
  },
  {
    moduleCode: "SW",
    title: "Documented local interface",
    level: "Silver",
    strength: "SHOULD",
    body: md(
      "The product SHOULD offer a documented interface on the local network through which the owner can read its state and control its functions without going through the vendor's cloud.",
      "An open protocol such as Matter or MQTT, or a documented REST interface, lets owners combine devices from different brands and keeps the product useful if the vendor's service closes.",
    ),
    assessment: md(
      "The URL of the public interface documentation, and a note of which functions are available locally.",
    ),
    examples: ul(
      "Sparrowlight bulbs answer `GET /api/v1/state` on the home network, and the reference is published at [example.com/docs/local-api](https://example.com/docs/local-api).",
      "The Hearthly T3 thermostat publishes temperature readings over MQTT to a broker the owner chooses.",
    ),
  },
  {
    moduleCode: "SW",
    title: "Source code released when support ends",
    level: "Gold",
    strength: "MUST",
    body: md(
      "When security support ends, the vendor MUST publish the source code of the device firmware under an open-source licence, together with the build instructions and the means owners need to install their own builds.",
      "Third-party components that cannot legally be published are listed with a description of what they do, so that the community can replace them.",
    ),
    assessment: md(
      "A public commitment on the product page to release the source, and, once support has ended, the URL of the repository and its licence.",
    ),
    examples: ul(
      "When the **Nimbus One** speaker reached end of support, Nimbus published its firmware at [example.org/nimbus-one](https://example.org/nimbus-one) under the GPL and released a signing key unlock tool.",
    ),
    earlierBodies: [
      "The vendor MUST consider releasing the firmware as open source at end of life.",
      "When support ends, the vendor MUST release the source code.",
    ],
  },
  {
    moduleCode: "SW",
    title: "Software bill of materials per release",
    level: "Gold",
    strength: "SHOULD",
    body: md(
      "The vendor SHOULD publish a machine-readable software bill of materials for each firmware release, listing the third-party components it contains and their versions.",
      "A bill of materials in a common format, such as SPDX or CycloneDX, lets owners and researchers see quickly whether a newly announced flaw in a library affects the product.",
    ),
    assessment: md(
      "The URL where bills of materials are published, with the file for the current firmware version.",
    ),
    examples: ul(
      "Each Keyhaven firmware release note links to an SPDX file listing the embedded operating system, TLS library and Bluetooth stack with their exact versions.",
    ),
  },
  {
    moduleCode: "SW",
    title: "Owner can install alternative firmware",
    level: null,
    strength: "MAY",
    body: md(
      "The product MAY let the owner install firmware that the vendor has not signed, after an explicit unlock step.",
      "The unlock step:",
      ol(
        "warns the owner that vendor updates and support will no longer apply;",
        "erases the stored credentials and personal data;",
        "is shown on the device, for example by a changed boot screen or indicator, so that a later buyer can tell.",
      ),
    ),
    assessment: md("The support page that documents the unlock procedure and its consequences."),
    examples: ul(
      "Plugmate smart plugs can be unlocked from the local web page; after a confirmation and a factory reset they accept community firmware.",
    ),
  },

  // LEGAL: terms, warranty and ownership rights

  {
    moduleCode: "LEGAL",
    title: "Plain-language summary of the terms",
    level: "Bronze",
    strength: "MUST",
    body: md(
      "The vendor MUST provide, next to the full terms of service, a one-page summary in plain language that covers what the owner pays, what data is collected, how long the product is supported and how the contract can end.",
      "The summary is written for the buyer, not for a court. Where it and the full terms differ, the reading more favourable to the owner applies.",
    ),
    assessment: md(
      "The URL of the summary, placed next to the link to the full terms, with each of the four listed topics addressed.",
    ),
    examples: ul(
      "The Lullwave app shows a summary before account creation: *You pay nothing after purchase. Video stays on your network unless you turn on cloud backup. Updates until 2031. You can delete your account at any time.*",
    ),
  },
  {
    moduleCode: "LEGAL",
    title: "No unilateral removal of features",
    level: "Silver",
    strength: "MUST",
    body: md(
      "The vendor MUST NOT remove or degrade a feature that was advertised at the time of sale, through an update or a change of service, without the owner's agreement.",
      "If a feature really has to be withdrawn, for example because a partner service closes, the owner is offered an equivalent replacement or a refund in proportion to the loss.",
    ),
    assessment: md(
      "The clause of the terms of service that contains this commitment, and the vendor's published policy on refunds for withdrawn features.",
    ),
    examples: ul(
      "When a voice assistant partner shut down, Nimbus added an on-device voice command mode to its speakers instead of simply dropping voice control.",
      "A doorbell vendor that moves motion alerts behind a paywall after sale would not meet this clause.",
    ),
    earlierBodies: [
      "The vendor MUST NOT remove features without a good reason.",
      "The vendor MUST NOT remove features that the owner paid for, unless notice is given.",
    ],
  },
  {
    moduleCode: "LEGAL",
    title: "Warranty longer than the legal minimum",
    level: "Gold",
    strength: "SHOULD",
    body: md(
      "The manufacturer SHOULD offer a warranty of at least three years that covers both hardware faults and software defects that stop the product working as advertised.",
    ),
    assessment: md(
      "The warranty statement on the product page or in the manual, giving its length and what it covers.",
    ),
    examples: ul(
      "Dustwhirl gives a four-year warranty on the R5, including the battery for the first two years.",
    ),
  },
  {
    moduleCode: "LEGAL",
    title: "No forced arbitration",
    level: "Silver",
    strength: "MUST",
    body: md(
      "The vendor's terms MUST NOT require owners to settle disputes through mandatory arbitration or to give up their right to take part in a collective action.",
      "Owners can always take a dispute to the ordinary courts or consumer bodies of the country where they live.",
    ),
    assessment: md(
      "A link to the dispute-resolution section of the terms of service, showing that it contains no such requirement.",
    ),
    examples: ul(
      "Keyhaven's terms offer optional mediation through a consumer ombudsman but leave court action open.",
    ),
  },
  {
    moduleCode: "LEGAL",
    title: "Right to resell and transfer",
    level: "Bronze",
    strength: "MUST",
    body: md(
      "The vendor MUST allow the owner to sell, give away or otherwise pass on the product, with all of its features, to a new owner.",
      "Transfer needs no fee and no permission from the vendor. A documented reset removes the previous owner's account and data, and the new owner can then register the device as if it were new.",
    ),
    assessment: md(
      "The support page describing how to transfer the product, and the clause of the terms that permits resale.",
    ),
    examples: ul(
      "A second-hand Hearthly thermostat is released from its old account with a long press on the dial and joins the buyer's account in the usual way.",
    ),
  },
  {
    moduleCode: "LEGAL",
    title: "No subscription for core functions",
    level: "Silver",
    strength: "SHOULD",
    body: md(
      "The vendor SHOULD NOT require a paid subscription for any function the product needs to fulfil its core purpose.",
      "Optional paid services are fine as long as they are clearly marked as optional before purchase and the product stays useful without them.",
    ),
    assessment: md(
      "The product page listing which functions are free and which need a subscription, as shown before purchase.",
    ),
    examples: ul(
      "The Kestrel doorbell shows live video and sends motion alerts for free; only cloud recording history is part of a paid plan.",
    ),
  },
  {
    moduleCode: "LEGAL",
    title: "Advance notice of changes to terms",
    level: "Bronze",
    strength: "MUST",
    body: md(
      "The vendor MUST tell owners at least 30 days before a material change to the terms of service or privacy notice takes effect, and explain the change in plain words.",
      "An owner who does not accept the change can stop using the service and, where the change removes something they paid for, claim a refund.",
    ),
    assessment: md(
      "The clause of the terms that sets the notice period, and an archive page listing past versions of the terms with their effective dates.",
    ),
    examples: ul(
      "Sparrowlight emailed owners six weeks before changing its privacy notice, with a three-sentence summary of what would change.",
    ),
  },
  {
    moduleCode: "LEGAL",
    title: "Escrow for cloud service continuity",
    level: null,
    strength: "MAY",
    body: md(
      "The vendor MAY place the server software and keys needed to run the product's cloud service with an independent escrow agent, to be released if the vendor ceases trading.",
    ),
    assessment: md(
      "A public statement naming the escrow agent and describing the conditions under which the material is released.",
    ),
    examples: ul(
      "Hearthly deposits its cloud backend with a software escrow firm; if Hearthly closes, an owners' association can run the service for existing thermostats.",
    ),
  },

  // DATA: personal data

  {
    moduleCode: "DATA",
    title: "Collect only what is needed",
    level: "Bronze",
    strength: "MUST",
    body: md(
      "The product MUST collect only the personal data needed for the functions the owner actually uses.",
      "In particular, the product does not collect:",
      ul(
        "precise location, unless a function the owner has turned on depends on it;",
        "contact lists or data about other apps on the owner's phone;",
        "audio or video beyond what a requested feature needs.",
      ),
    ),
    assessment: md(
      "The privacy notice section that lists each category of data collected and the function it serves, and, where available, an independent analysis of the product's network traffic.",
    ),
    examples: ul(
      "The Plugmate app asks for location only when the owner turns on the *switch off when I leave* rule, and explains why.",
      "A robot vacuum that uploads room photos to improve its maps, without asking, would not meet this clause.",
    ),
  },
  {
    moduleCode: "DATA",
    title: "Separate consent for optional data",
    level: "Bronze",
    strength: "MUST",
    body: md(
      "The product MUST ask for the owner's separate, informed consent before collecting or sending any data that the chosen functions do not need.",
      "Consent is off by default, can be withdrawn as easily as it was given, and is never bundled with acceptance of the terms. Saying no does not disable unrelated features.",
    ),
    assessment: md(
      "Screenshots of the consent screens in the app as published on the support site, and the privacy notice section describing how to withdraw consent.",
    ),
    examples: ul(
      "During setup, the Dustwhirl app offers an unticked box to *share anonymous cleaning statistics*; the vacuum works the same either way.",
      "Pulsewise asks separately before sharing heart-rate data with a partner insurance app.",
    ),
    earlierBodies: [
      "The product MUST get consent for data collection.",
      "The product MUST ask the owner before collecting optional data, for example in the terms of service.",
    ],
  },
  {
    moduleCode: "DATA",
    title: "Local processing by default",
    level: "Gold",
    strength: "SHOULD",
    body: md(
      "The product SHOULD process audio, video and sensor data on the device or on the owner's network, and send it to the cloud only when the owner asks for a feature that needs it.",
      "Data that never leaves the home cannot be breached in a data centre, sold or handed over on request.",
    ),
    assessment: md(
      "The product documentation stating which data is processed locally, and an independent traffic analysis confirming that raw audio or video is not uploaded by default.",
    ),
    examples: ul(
      "The Lullwave baby monitor detects crying on the camera itself and streams video only to the parent unit on the local network.",
      "Nimbus speakers recognise the wake word and basic commands offline; cloud speech recognition is an opt-in extra.",
    ),
  },
  {
    moduleCode: "DATA",
    title: "Data export in an open format",
    level: "Silver",
    strength: "MUST",
    body: md(
      "The vendor MUST let the owner download all the data held about them and their devices in a documented, machine-readable format.",
      "The export is self-service, free, and available within 30 days at most. Common formats such as JSON or CSV are used, with a published description of the fields.",
    ),
    assessment: md(
      "The support page explaining how to request an export, and the published description of the export format.",
    ),
    examples: ul(
      "Hearthly owners can download five years of temperature and heating history as CSV from the account page.",
      "Pulsewise exports workouts in an open fitness file format that other apps can import.",
    ),
  },
  {
    moduleCode: "DATA",
    title: "Easy deletion of personal data",
    level: "Bronze",
    strength: "MUST",
    body: md(
      "The vendor MUST give owners a simple way to delete their personal data from the device and from the vendor's services.",
      "A factory reset clears all personal data from the device. Deleting the account removes cloud data within 30 days, and backups age out within a stated period.",
    ),
    assessment: md(
      "The support pages describing factory reset and account deletion, and the privacy notice section giving the deletion time for backups.",
    ),
    examples: ul(
      "Deleting a Kestrel account from the app removes stored doorbell clips at once and purges backups within 14 days.",
    ),
  },
  {
    moduleCode: "DATA",
    title: "Public list of third-party recipients",
    level: "Silver",
    strength: "MUST",
    body: md(
      "The vendor MUST publish a list of every third party that receives personal data from the product or its app, with the purpose and the categories of data each one receives.",
      "Hosting and analytics providers are included. The list is kept up to date and dated.",
    ),
    assessment: md(
      "The URL of the list of recipients, linked from the privacy notice, with the date of its last update.",
    ),
    examples: ul(
      "Sparrowlight's list names its cloud host, its crash-reporting service and its email provider, and states that none of them receives lighting schedules.",
    ),
  },
  {
    moduleCode: "DATA",
    title: "Published retention periods",
    level: "Bronze",
    strength: "MUST",
    body: md(
      "The vendor MUST state how long each category of personal data is kept, and delete or anonymise it when that period ends.",
    ),
    assessment: md(
      "The privacy notice section that lists retention periods for each category of data.",
    ),
    examples: ul(
      "Keyhaven keeps the lock's entry log for 90 days, and account details until the account is deleted.",
      "Kestrel keeps motion clips for 30 days on the free plan and lets the owner choose a shorter period.",
    ),
  },
  {
    moduleCode: "DATA",
    title: "No sale of personal data",
    level: "Silver",
    strength: "MUST",
    body: md(
      "The vendor MUST NOT sell owners' personal data or use it for targeted advertising.",
      "This applies equally to data described as pseudonymous, since usage patterns from a connected home are easy to link back to a household.",
    ),
    assessment: md(
      "The clause of the privacy notice that contains this commitment in plain words.",
    ),
    examples: ul(
      "The Plugmate privacy notice opens with: *We do not sell your data and we do not show you adverts based on it.*",
    ),
  },
  {
    moduleCode: "DATA",
    title: "Physical switch for camera and microphone",
    level: null,
    strength: "MAY",
    body: md(
      "The product MAY provide a physical switch or shutter that disconnects its camera or microphone, together with an indicator that software cannot override.",
    ),
    assessment: md(
      "Product photos or a teardown report showing the switch and confirming that it cuts the sensor electrically or blocks it physically.",
    ),
    examples: ul(
      "The Nimbus speaker has a slider that cuts power to its microphones and lights a red LED wired directly to the switch.",
      "The Kestrel indoor camera has a sliding lens cover.",
    ),
  },
];
