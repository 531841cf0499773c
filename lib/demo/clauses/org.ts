/** Demo clauses of the ORG module: organisation. */
import { type DemoClause, md, ul } from "@/lib/demo/clauses/demo-clause";

export const orgClauses: DemoClause[] = [
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
];
