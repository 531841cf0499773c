/** Demo clauses of the LEGAL module: terms, warranty and ownership rights. */
import { type DemoClause, md, ul } from "@/lib/demo/clauses/demo-clause";

export const legalClauses: DemoClause[] = [
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
];
