import { describe, expect, it } from "vitest";
import {
  activeRoles,
  appointmentSchema,
  displayName,
  endOfDay,
  groupFromSlug,
  groupSlugs,
  groups,
  holdsRole,
  isActive,
  nameKey,
  profileSchema,
  roleBadges,
  startOfDay,
  termStatus,
} from "@/lib/community/rules";

const at = (iso: string) => new Date(iso);
const term = (startsAt: string, endsAt: string | null) => ({
  startsAt: at(startsAt),
  endsAt: endsAt ? at(endsAt) : null,
});

describe("terms", () => {
  const bounded = term("2026-01-01T00:00:00Z", "2026-07-01T00:00:00Z");

  it("grants the role from the first instant up to, not including, the end", () => {
    expect(isActive(bounded, at("2025-12-31T23:59:59.999Z"))).toBe(false);
    expect(isActive(bounded, at("2026-01-01T00:00:00Z"))).toBe(true);
    expect(isActive(bounded, at("2026-06-30T23:59:59.999Z"))).toBe(true);
    expect(isActive(bounded, at("2026-07-01T00:00:00Z"))).toBe(false);
  });

  it("treats an open-ended term as current from its start", () => {
    const open = term("2026-01-01T00:00:00Z", null);
    expect(isActive(open, at("2099-01-01T00:00:00Z"))).toBe(true);
    expect(termStatus(open, at("2025-06-01T00:00:00Z"))).toBe("upcoming");
  });

  it("names each phase of a term", () => {
    expect(termStatus(bounded, at("2025-06-01T00:00:00Z"))).toBe("upcoming");
    expect(termStatus(bounded, at("2026-03-01T00:00:00Z"))).toBe("current");
    expect(termStatus(bounded, at("2026-07-01T00:00:00Z"))).toBe("past");
  });

  it("keeps only the roles of current terms", () => {
    const now = at("2026-03-01T00:00:00Z");
    const held = activeRoles(
      [
        { ...bounded, group: "advisory_group", role: "chair" },
        {
          ...term("2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z"),
          group: "steering_committee",
          role: "member",
        },
        { ...term("2026-06-01T00:00:00Z", null), group: "steering_committee", role: "chair" },
      ],
      now,
    );
    expect(held).toEqual([{ group: "advisory_group", role: "chair" }]);
    expect(holdsRole(held, "advisory_group")).toBe(true);
    expect(holdsRole(held, "advisory_group", "chair")).toBe(true);
    expect(holdsRole(held, "steering_committee")).toBe(false);
    expect(
      holdsRole([{ group: "advisory_group", role: "member" }], "advisory_group", "chair"),
    ).toBe(false);
  });

  it("turns whole days into a term that includes the last day", () => {
    expect(startOfDay("2026-01-01").toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(endOfDay("2026-12-31").toISOString()).toBe("2027-01-01T00:00:00.000Z");
  });
});

describe("groups", () => {
  it("maps every group to a slug and back", () => {
    for (const group of groups) expect(groupFromSlug(groupSlugs[group])).toBe(group);
    expect(groupFromSlug("secretariat")).toBeUndefined();
  });
});

describe("displayName", () => {
  it("uses the chosen name, or a neutral one that never reveals the email", () => {
    expect(displayName({ id: "abcdef123", name: " Ann " })).toBe("Ann");
    expect(displayName({ id: "abcdef123", name: null })).toBe("Participant abcdef");
    expect(displayName({ id: "abcdef123", name: "  " })).toBe("Participant abcdef");
  });
});

describe("profileSchema", () => {
  const valid = { name: "Ann Lee", affiliation: "Example Labs", conflictOfInterest: "None." };
  const errors = (input: Record<string, string>) => {
    const result = profileSchema.safeParse({ ...valid, ...input });
    return result.success
      ? {}
      : Object.fromEntries(result.error.issues.map((issue) => [issue.path[0], issue.message]));
  };

  it("accepts a plain profile and trims it", () => {
    expect(profileSchema.parse({ ...valid, name: "  Ann Lee " }).name).toBe("Ann Lee");
    expect(profileSchema.parse({ ...valid, affiliation: "" }).affiliation).toBe("");
  });

  it.each([
    [{ name: "" }, { name: "required" }],
    [{ name: "   " }, { name: "required" }],
    [{ name: "x".repeat(81) }, { name: "too_long" }],
    [{ name: "<script>alert(1)</script>" }, { name: "plain_text_only" }],
    [{ name: "Ann\u0000" }, { name: "plain_text_only" }],
    [{ affiliation: "<b>Bold</b>" }, { affiliation: "plain_text_only" }],
    [{ affiliation: "x".repeat(121) }, { affiliation: "too_long" }],
    [{ conflictOfInterest: "x".repeat(2001) }, { conflictOfInterest: "too_long" }],
    [
      { conflictOfInterest: "<img src=x onerror=alert(1)>" },
      { conflictOfInterest: "plain_text_only" },
    ],
  ])("refuses %j", (input, expected) => {
    expect(errors(input)).toEqual(expected);
  });

  it("names a missing field as required, whatever the browser sent", () => {
    const result = profileSchema.safeParse({});
    expect(result.error?.issues.map((issue) => [issue.path[0], issue.message])).toEqual([
      ["name", "required"],
      ["affiliation", "required"],
      ["conflictOfInterest", "required"],
    ]);
  });

  it("keeps line breaks in the COI declaration", () => {
    expect(profileSchema.parse({ ...valid, conflictOfInterest: "A\nB" }).conflictOfInterest).toBe(
      "A\nB",
    );
  });
});

describe("appointmentSchema", () => {
  const valid = {
    email: "Ann@Example.org",
    group: "advisory_group",
    role: "member",
    startsOn: "2026-01-01",
    endsOn: "",
  };

  it("accepts an open-ended term and lower-cases the address", () => {
    expect(appointmentSchema.parse(valid)).toEqual({
      ...valid,
      email: "ann@example.org",
      endsOn: null,
    });
  });

  it("accepts a one-day term", () => {
    expect(appointmentSchema.parse({ ...valid, endsOn: "2026-01-01" }).endsOn).toBe("2026-01-01");
  });

  it.each([
    [{ email: "not an address" }, "email", "invalid_email"],
    [{ group: "secretariat" }, "group", "required"],
    [{ role: "owner" }, "role", "required"],
    [{ startsOn: "" }, "startsOn", "invalid_date"],
    [{ startsOn: "2026-02-30" }, "startsOn", "invalid_date"],
    [{ endsOn: "tomorrow" }, "endsOn", "invalid_date"],
    [{ endsOn: "2025-12-31" }, "endsOn", "ends_before_start"],
  ])("refuses %j", (input, field, code) => {
    const result = appointmentSchema.safeParse({ ...valid, ...input });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path[0]).toBe(field);
    expect(result.error?.issues[0]?.message).toBe(code);
  });
});

describe("names that pass for someone else", () => {
  const errorOf = (input: Record<string, string>) => {
    const result = profileSchema.safeParse({
      name: "Ann Lee",
      affiliation: "",
      conflictOfInterest: "",
      ...input,
    });
    return result.success
      ? null
      : `${String(result.error.issues[0]?.path[0])}:${result.error.issues[0]?.message}`;
  };

  it("normalises names to NFKC and single spaces", () => {
    const parsed = profileSchema.parse({
      name: "\uff33\uff41\uff4d   Okafor",
      affiliation: "",
      conflictOfInterest: "",
    });
    expect(parsed.name).toBe("Sam Okafor");
  });

  it("compares names without case, width, ligatures or invisible characters", () => {
    expect(nameKey("SAM  OKAFOR")).toBe(nameKey("Sam Okafor"));
    expect(nameKey("\uff33am Okafor")).toBe(nameKey("sam okafor"));
    expect(nameKey("\ufb01nn")).toBe(nameKey("Finn"));
    expect(nameKey("Sam\u200d Okafor")).toBe(nameKey("Sam Okafor"));
    expect(nameKey("Sam Okafor")).not.toBe(nameKey("Sam Okafor Jr"));
  });

  it.each([
    ["right-to-left override", { name: "\u202eSam Okafor" }, "name:plain_text_only"],
    ["isolate", { name: "Sam \u2067Okafor\u2069" }, "name:plain_text_only"],
    ["zero-width space", { name: "Sam\u200bOkafor" }, "name:plain_text_only"],
    ["zero-width joiners only", { name: "\u200d\u200c\u200d" }, "name:name_not_visible"],
    ["Hangul fillers only", { name: "\u3164\u3164" }, "name:name_not_visible"],
    ["combining marks only", { name: "\u0301\u0302" }, "name:name_not_visible"],
    ["a role in the name", { name: "Sam Okafor (Secretariat)" }, "name:name_claims_role"],
    [
      "a role in the affiliation",
      { affiliation: "Hum secretariat" },
      "affiliation:name_claims_role",
    ],
    ["the operator as affiliation", { affiliation: "Hum" }, "affiliation:name_claims_role"],
    ["a group as affiliation", { affiliation: "Advisory Group" }, "affiliation:name_claims_role"],
  ])("refuses a %s", (_label, input, expected) => {
    expect(errorOf(input)).toBe(expected);
  });

  it.each([
    ["Noor Haddad"],
    ["نور حداد"],
    ["Zoë Ångström"],
    ["\u0928\u093f\u0924\u094d\u200d\u092f"],
  ])("accepts %s", (name) => {
    expect(errorOf({ name })).toBeNull();
  });

  it("keeps affiliations that merely start like the operator", () => {
    expect(errorOf({ affiliation: "Humboldt University" })).toBeNull();
  });
});

describe("roleBadges", () => {
  it("shows the secretariat and each group's role from the records, most senior first", () => {
    expect(roleBadges(false, [])).toEqual([]);
    expect(
      roleBadges(true, [
        { group: "steering_committee", role: "member" },
        { group: "advisory_group", role: "chair" },
      ]),
    ).toEqual(["secretariat", "ag_chair", "sc_member"]);
  });
});
