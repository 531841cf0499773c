/** Demo clauses of the HW module: hardware. */
import { type DemoClause, md, ul } from "@/lib/demo/clauses/demo-clause";

export const hwClauses: DemoClause[] = [
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
];
