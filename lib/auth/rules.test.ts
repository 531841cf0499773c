import { describe, expect, it } from "vitest";
import {
  clientIpFrom,
  judgeSignInLimits,
  LINKS_PER_ADDRESS_PER_HOUR,
  LINKS_PER_IP_PER_HOUR,
  mailboxKey,
  SENT_TO_COOKIE,
  sentToAddress,
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
  it("takes the socket address the front appended, not what the client wrote before it", () => {
    expect(clientIpFrom("6.6.6.6, 203.0.113.7", 0)).toBe("203.0.113.7");
    expect(clientIpFrom("6.6.6.6,7.7.7.7,  203.0.113.7 ", 0)).toBe("203.0.113.7");
    expect(clientIpFrom("203.0.113.7", 0)).toBe("203.0.113.7");
  });

  it("skips exactly the configured number of trusted proxies, from the right", () => {
    // client-written, then what the trusted proxy saw, then the proxy's own socket address
    const chain = "6.6.6.6, 198.51.100.4, 10.0.0.2";
    expect(clientIpFrom(chain, 1)).toBe("198.51.100.4");
    expect(clientIpFrom(chain, 2)).toBe("6.6.6.6");
  });

  it("takes the left-most entry when the chain is shorter than the trusted proxies", () => {
    expect(clientIpFrom("198.51.100.4", 3)).toBe("198.51.100.4");
  });

  it("counts an IPv4 address seen through IPv6 as itself", () => {
    expect(clientIpFrom("::ffff:203.0.113.7", 0)).toBe("203.0.113.7");
  });

  it("counts IPv6 clients by their /64, which one subscriber holds whole", () => {
    expect(clientIpFrom("2001:db8:1:2:aaaa::1", 0)).toBe("2001:db8:1:2::/64");
    expect(clientIpFrom("2001:DB8:1:2:bbbb:cccc:dddd:eeee", 0)).toBe("2001:db8:1:2::/64");
    expect(clientIpFrom("::1", 0)).toBe("0:0:0:0::/64");
  });

  it("says unknown when nothing usable was forwarded", () => {
    expect(clientIpFrom("", 0)).toBe("unknown");
    expect(clientIpFrom(null, 0)).toBe("unknown");
    expect(clientIpFrom("6.6.6.6, not-an-address", 0)).toBe("unknown");
  });
});

describe("mailboxKey", () => {
  it("counts plus-addresses and case as the base address", () => {
    expect(mailboxKey("victim+1@example.org")).toBe("victim@example.org");
    expect(mailboxKey("Victim+Hum+2@Example.ORG")).toBe("victim@example.org");
    expect(mailboxKey("victim@example.org")).toBe("victim@example.org");
  });
});

describe("sentToAddress: the check-email page shows where the link went", () => {
  it("shows a plain address, as it was sent", () => {
    expect(sentToAddress(" Ann@Example.org ")).toBe("ann@example.org");
  });

  it("shows nothing for a missing or doctored cookie", () => {
    expect(SENT_TO_COOKIE).toMatch(/^[a-z-]+$/);
    for (const value of [undefined, "", "<script>@x.org", "a@x.org, b@y.org", "not-an-address"]) {
      expect(sentToAddress(value)).toBeUndefined();
    }
  });
});
