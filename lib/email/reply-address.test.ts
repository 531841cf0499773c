import { describe, expect, it } from "vitest";
import { mintReplyToken, readReplyAddress, replyAddressFor } from "@/lib/email/reply-address";

describe("reply tokens", () => {
  const ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
  const secret = "reply-secret-for-tests";
  const ids = {
    threadId: "0b0c4a4e-1f2d-4c3b-9a8e-7d6c5b4a3f21",
    userId: "f47ac10b-58cc-4372-a567-0e02b2c3d479",
  };
  const token = mintReplyToken(ids, secret);
  const address = replyAddressFor(token, "reply.hum.example");

  it("is compact, versioned and made of lower-case email-safe characters", () => {
    expect(token).toMatch(/^v1[a-z2-7]+$/);
    // Two UUIDs: 34 payload bytes + 10 MAC bytes → 71 base32 characters, plus "v1".
    expect(token).toHaveLength(73);
    expect(address).toBe(`reply+${token}@reply.hum.example`);
  });

  it("round-trips, whatever the case of the address", () => {
    expect(readReplyAddress(address, secret)).toEqual(ids);
    expect(readReplyAddress(address.toUpperCase(), secret)).toEqual(ids);
    expect(readReplyAddress(address.toLowerCase(), secret)).toEqual(ids);
    expect(readReplyAddress(`"Hum discussion" <${address.toUpperCase()}>`, secret)).toEqual(ids);
  });

  it("round-trips non-UUID ids exactly, including upper case and Unicode", () => {
    const odd = { threadId: "Thread-ABC", userId: "usér_42" };
    const again = readReplyAddress(
      replyAddressFor(mintReplyToken(odd, secret), "h.example"),
      secret,
    );
    expect(again).toEqual(odd);
    const upperUuid = { threadId: ids.threadId.toUpperCase(), userId: "u" };
    expect(
      readReplyAddress(replyAddressFor(mintReplyToken(upperUuid, secret), "h"), secret),
    ).toEqual(upperUuid);
  });

  it("finds the reply address among several recipients", () => {
    expect(readReplyAddress(["Ann <ann@example.org>", address], secret)).toEqual(ids);
    expect(readReplyAddress(`ann@example.org, Hum <${address}>`, secret)).toEqual(ids);
  });

  it("refuses a token signed with another secret", () => {
    expect(readReplyAddress(address, "another-secret")).toBeNull();
  });

  it("refuses every single-character change to the token", () => {
    const body = token.slice(2);
    for (let i = 0; i < body.length; i++) {
      const swapped = body[i] === "a" ? "b" : "a";
      const forged = `v1${body.slice(0, i)}${swapped}${body.slice(i + 1)}`;
      expect(readReplyAddress(`reply+${forged}@h.example`, secret), `position ${i}`).toBeNull();
    }
  });

  it("refuses a second spelling of the same bytes (unused padding bits set)", () => {
    // 44 bytes take 71 base32 characters; the last one carries 3 bits of zero padding.
    const last = ALPHABET.indexOf(token.at(-1) ?? "");
    const alias = `${token.slice(0, -1)}${ALPHABET[last ^ 1]}`;
    expect(readReplyAddress(`reply+${alias}@h.example`, secret)).toBeNull();
  });

  it.each([
    ["a wrong version", `reply+v2${token.slice(2)}@h.example`],
    ["a truncated token", `reply+${token.slice(0, -3)}@h.example`],
    ["an extended token", `reply+${token}aa@h.example`],
    ["a base64-ish token", `reply+${token.slice(0, 10)}_-${token.slice(12)}@h.example`],
    ["a digit outside base32", `reply+${token.slice(0, -1)}1@h.example`],
    ["no token", "reply+@h.example"],
    ["a plain address", "ann@example.org"],
    ["another prefix", `bounce+${token}@h.example`],
    ["garbage", "not an address"],
    ["the bare version", "reply+v1@h.example"],
  ])("returns null for %s", (_label, input) => {
    expect(readReplyAddress(input, secret)).toBeNull();
  });

  it("refuses a payload forged with a valid-looking MAC length", () => {
    const other = mintReplyToken({ threadId: ids.userId, userId: ids.threadId }, "attacker");
    expect(readReplyAddress(replyAddressFor(other, "h"), secret)).toBeNull();
  });

  it("refuses bad inputs when minting", () => {
    expect(() => mintReplyToken({ threadId: "", userId: "u" }, secret)).toThrow();
    expect(() => mintReplyToken({ threadId: "t", userId: "x".repeat(256) }, secret)).toThrow();
    expect(() => mintReplyToken(ids, "")).toThrow();
    expect(() => replyAddressFor("v1abc", "evil.example>\r\nBcc: x@y")).toThrow();
    expect(() => replyAddressFor("v1+abc", "h.example")).toThrow();
  });
});
