/** Demo clauses of the DATA module: personal data. */
import { type DemoClause, md, ul } from "@/lib/demo/clauses/demo-clause";

export const dataClauses: DemoClause[] = [
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
