import { describe, expect, it } from "vitest";
import {
  clientIpFrom,
  judgeSignInLimits,
  LINKS_PER_ADDRESS_PER_HOUR,
  LINKS_PER_IP_PER_HOUR,
  signInEmailSchema,
} from "@/lib/auth/rules";

const errorOf = (input: unknown) => {
  const result = signInEmailSchema.safeParse(input);
  return result.success ? null : result.error.issues[0]?.message;
};

describe("signInEmailSchema", () => {
  it("accepts one plain address, trimmed and lower-cased", () => {
    expect(signInEmailSchema.parse("  Ann.Lee+hum@Example.ORG ")).toBe("ann.lee+hum@example.org");
  });

  it.each([
    ["", "required"],
    ["   ", "required"],
    ["ann@example.org, bob@example.org", "single_address"],
    ["ann@example.org;bob@example.org", "single_address"],
    ["ann@example.org bob@example.org", "single_address"],
    ["Ann <ann@example.org>", "single_address"],
    ["<b>ann</b>@example.org", "single_address"],
    ['"ann"@example.org', "single_address"],
    ["ann@example.org\nbcc:eve@example.org", "single_address"],
    ["ann", "invalid_email"],
    ["ann@", "invalid_email"],
    ["@example.org", "invalid_email"],
    ["ann@@example.org", "invalid_email"],
    ["ann@example", "invalid_email"],
    [`${"a".repeat(250)}@example.org`, "too_long"],
  ])("refuses %j with %s", (input, code) => {
    expect(errorOf(input)).toBe(code);
  });

  it("refuses what is not a string", () => {
    expect(errorOf(undefined)).toBe("required");
    expect(errorOf(["ann@example.org"])).toBe("required");
  });
});

describe("judgeSignInLimits", () => {
  it("allows up to the limits and refuses at them", () => {
    expect(judgeSignInLimits({ forAddress: 0, forIp: 0 })).toBe("ok");
    expect(
      judgeSignInLimits({
        forAddress: LINKS_PER_ADDRESS_PER_HOUR - 1,
        forIp: LINKS_PER_IP_PER_HOUR - 1,
      }),
    ).toBe("ok");
    expect(judgeSignInLimits({ forAddress: LINKS_PER_ADDRESS_PER_HOUR, forIp: 0 })).toBe(
      "rate_limited_email",
    );
    expect(judgeSignInLimits({ forAddress: 0, forIp: LINKS_PER_IP_PER_HOUR })).toBe(
      "rate_limited_ip",
    );
  });

  it("names the address limit first when both are reached", () => {
    expect(judgeSignInLimits({ forAddress: 99, forIp: 99 })).toBe("rate_limited_email");
  });

  it("uses the documented numbers", () => {
    expect(LINKS_PER_ADDRESS_PER_HOUR).toBe(5);
    expect(LINKS_PER_IP_PER_HOUR).toBe(20);
  });
});

describe("clientIpFrom", () => {
  it("takes the first forwarded address", () => {
    expect(clientIpFrom("203.0.113.7, 10.0.0.1", null)).toBe("203.0.113.7");
  });
  it("falls back to x-real-ip, then to unknown", () => {
    expect(clientIpFrom(null, " 198.51.100.2 ")).toBe("198.51.100.2");
    expect(clientIpFrom("", null)).toBe("unknown");
    expect(clientIpFrom(null, null)).toBe("unknown");
  });
});
