/** Demo clauses of the SW module: software. */
import { type DemoClause, md, ol, ul } from "@/lib/demo/clauses/demo-clause";

export const swClauses: DemoClause[] = [
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
];
