import { describe, expect, it } from "vitest";
import { appointmentSchema } from "@/lib/community/rules";

const valid = {
  email: "ann@example.org",
  group: "advisory_group",
  role: "member",
  startsOn: "2026-01-01",
  endsOn: "",
};

const refusal = (input: Partial<typeof valid>) => {
  const issue = appointmentSchema.safeParse({ ...valid, ...input }).error?.issues[0];
  return issue ? [issue.path[0], issue.message] : null;
};

describe("membership term dates", () => {
  it.each([
    [{ startsOn: "0001-01-01" }, ["startsOn", "date_out_of_range"]],
    [{ startsOn: "1999-12-31" }, ["startsOn", "date_out_of_range"]],
    [{ startsOn: "9999-01-01" }, ["startsOn", "date_out_of_range"]],
    [{ endsOn: "9999-12-31" }, ["endsOn", "date_out_of_range"]],
    [{ endsOn: "2047-01-01" }, ["endsOn", "term_too_long"]],
  ])("refuses %j", (input, expected) => {
    expect(refusal(input)).toEqual(expected);
  });

  it.each([[{ startsOn: "2000-01-01" }], [{ startsOn: "2099-01-01" }], [{ endsOn: "2045-12-31" }]])(
    "accepts %j",
    (input) => {
      expect(refusal(input)).toBeNull();
    },
  );
});
