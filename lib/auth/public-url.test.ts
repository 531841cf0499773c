import { describe, expect, it } from "vitest";
import { addressOnOrigin, onOrigin } from "@/lib/auth/public-url";

describe("onOrigin", () => {
  it("keeps the path and query, on the given origin", () => {
    expect(
      onOrigin("http://localhost:3000/api/auth/callback/resend?token=t", "https://hum.example.org"),
    ).toBe("https://hum.example.org/api/auth/callback/resend?token=t");
  });
});

describe("addressOnOrigin", () => {
  const origin = "http://localhost:3000";

  it("sends a page opened on another name of the machine to the public origin", () => {
    expect(
      addressOnOrigin("http://127.0.0.1:3000/standards/iotmark?x=1", "127.0.0.1:3000", origin),
    ).toBe("http://localhost:3000/standards/iotmark?x=1");
    expect(addressOnOrigin("http://[::1]:3000/", "[::1]:3000", origin)).toBe(
      "http://localhost:3000/",
    );
  });

  it("leaves a request that names another host alone", () => {
    expect(addressOnOrigin("http://192.0.2.7:3000/", "192.0.2.7:3000", origin)).toBe(undefined);
    expect(
      addressOnOrigin("http://127.0.0.1.evil.example/", "127.0.0.1.evil.example", origin),
    ).toBe(undefined);
  });

  it("leaves a request on the origin where it is", () => {
    expect(addressOnOrigin("http://localhost:3000/inbox", "localhost:3000", origin)).toBe(
      undefined,
    );
    expect(addressOnOrigin("http://localhost:3000/inbox", "LOCALHOST:3000", origin)).toBe(
      undefined,
    );
  });
});
