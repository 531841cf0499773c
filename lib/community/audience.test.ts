import { describe, expect, it } from "vitest";
import {
  audienceKey,
  audienceOf,
  openAudience,
  STAND_IN_ID,
  sealAudience,
  standInViewer,
} from "@/lib/community/audience";
import type { Viewer } from "@/lib/community/viewer";

const person = (over: Partial<Viewer> = {}): Viewer => ({
  id: "user-1",
  name: "Rosa",
  hasName: true,
  isSecretariat: false,
  roles: [],
  language: null,
  timeZone: null,
  ...over,
});

const secret = "a secret long enough to sign with";

describe("audiences", () => {
  it("are the same for people with the same roles, language and time zone, whoever they are", () => {
    const rosa = person({
      roles: [
        { group: "steering_committee", role: "member" },
        { group: "advisory_group", role: "chair" },
      ],
    });
    const mei = person({
      id: "user-2",
      name: "Mei",
      hasName: false,
      roles: [
        { group: "advisory_group", role: "chair" },
        { group: "steering_committee", role: "member" },
      ],
    });
    expect(audienceKey(audienceOf(rosa))).toBe(audienceKey(audienceOf(mei)));
    expect(audienceKey(audienceOf(rosa))).not.toContain("Rosa");
    expect(audienceKey(audienceOf(rosa))).not.toContain("user-1");
  });

  it("differ by every part that changes what a page shows", () => {
    const keys = [
      person(),
      person({ roles: [{ group: "advisory_group", role: "member" }] }),
      person({ roles: [{ group: "advisory_group", role: "chair" }] }),
      person({ isSecretariat: true }),
      person({ language: "fr" }),
      person({ timeZone: "Europe/Paris" }),
    ].map((viewer) => audienceKey(audienceOf(viewer)));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("open only when sealed with the same secret, and unchanged", () => {
    const audience = audienceOf(
      person({
        roles: [{ group: "advisory_group", role: "member" }],
        isSecretariat: true,
        language: "de",
        timeZone: "Europe/Berlin",
      }),
    );
    const sealed = sealAudience(audience, secret);
    expect(openAudience(sealed, secret)).toEqual(audience);
    expect(openAudience(sealed, "another secret")).toBeNull();
    const [payload, signature] = sealed.split(".");
    const forged = Buffer.from(
      JSON.stringify([["steering_committee:chair"], true, null, null]),
    ).toString("base64url");
    expect(openAudience(`${forged}.${signature}`, secret)).toBeNull();
    expect(openAudience(`${payload}.`, secret)).toBeNull();
    expect(openAudience(`${payload}.${signature}.x`, secret)).toBeNull();
    expect(openAudience("", secret)).toBeNull();
    expect(openAudience(null, secret)).toBeNull();
  });

  it("are drawn for a stand-in with the audience's roles and nobody's name or id", () => {
    const audience = audienceOf(person({ roles: [{ group: "advisory_group", role: "member" }] }));
    expect(standInViewer(audience)).toEqual({
      id: STAND_IN_ID,
      name: "",
      hasName: true,
      isSecretariat: false,
      roles: [{ group: "advisory_group", role: "member" }],
      language: null,
      timeZone: null,
      standIn: true,
    });
  });
});
