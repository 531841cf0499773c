import { describe, expect, it } from "vitest";
import { type AddressKind, classifyAddress, isReachable } from "@/lib/http/addresses";

const cases: [string, AddressKind][] = [
  // IPv4
  ["0.0.0.0", "unspecified"],
  ["0.1.2.3", "unspecified"],
  ["10.0.0.1", "private"],
  ["10.255.255.255", "private"],
  ["100.63.255.255", "public"],
  ["100.64.0.1", "cgnat"],
  ["100.127.255.255", "cgnat"],
  ["100.128.0.0", "public"],
  ["127.0.0.1", "loopback"],
  ["127.255.0.9", "loopback"],
  ["169.254.169.254", "link_local"],
  ["172.15.255.255", "public"],
  ["172.16.0.1", "private"],
  ["172.31.255.255", "private"],
  ["172.32.0.0", "public"],
  ["192.0.0.8", "reserved"],
  ["192.0.2.10", "reserved"],
  ["192.88.99.1", "reserved"],
  ["192.168.1.1", "private"],
  ["198.18.0.1", "reserved"],
  ["198.19.255.255", "reserved"],
  ["198.51.100.7", "reserved"],
  ["203.0.113.7", "reserved"],
  ["224.0.0.1", "multicast"],
  ["239.255.255.255", "multicast"],
  ["240.0.0.1", "reserved"],
  ["255.255.255.255", "reserved"],
  ["1.1.1.1", "public"],
  ["8.8.8.8", "public"],
  ["93.184.215.14", "public"],
  // IPv6
  ["::", "unspecified"],
  ["::1", "loopback"],
  ["[::1]", "loopback"],
  ["0:0:0:0:0:0:0:1", "loopback"],
  ["::ffff:127.0.0.1", "loopback"],
  ["::ffff:10.0.0.1", "private"],
  ["::ffff:a00:1", "private"],
  ["::ffff:169.254.169.254", "link_local"],
  ["::ffff:192.168.0.1", "private"],
  ["::ffff:100.64.0.1", "cgnat"],
  ["::ffff:8.8.8.8", "public"],
  ["::10.0.0.1", "reserved"],
  ["::8.8.8.8", "reserved"],
  ["64:ff9b::10.0.0.1", "private"],
  ["64:ff9b::8.8.8.8", "public"],
  ["64:ff9b:1::1", "private"],
  ["100::1", "reserved"],
  ["fc00::1", "private"],
  ["fd12:3456::1", "private"],
  ["fe80::1", "link_local"],
  ["fe80::1%eth0", "link_local"],
  ["febf::1", "link_local"],
  ["fec0::1", "private"],
  ["ff02::1", "multicast"],
  ["2002:0a00:0001::1", "private"],
  ["2002:0808:0808::1", "public"],
  ["2001::1", "reserved"],
  ["2001:db8::1", "reserved"],
  ["4000::1", "reserved"],
  ["2606:4700:4700::1111", "public"],
  ["2a00:1450:4007:80e::200e", "public"],
  // not addresses
  ["example.org", "invalid"],
  ["", "invalid"],
  ["1.2.3", "invalid"],
  ["256.1.1.1", "invalid"],
  ["1::2::3", "invalid"],
];

describe("classifying addresses", () => {
  it.each(cases)("%s is %s", (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });
});

describe("which addresses the fetcher may reach", () => {
  it("reaches only public addresses by default", () => {
    expect(isReachable("8.8.8.8")).toBe(true);
    expect(isReachable("2606:4700:4700::1111")).toBe(true);
    for (const [address, kind] of cases) {
      if (kind !== "public") expect(isReachable(address), address).toBe(false);
    }
  });

  it("reaches loopback when tests allow it, and still nothing private", () => {
    const options = { allowLoopback: true };
    expect(isReachable("127.0.0.1", options)).toBe(true);
    expect(isReachable("::1", options)).toBe(true);
    expect(isReachable("10.0.0.1", options)).toBe(false);
    expect(isReachable("169.254.169.254", options)).toBe(false);
    expect(isReachable("::ffff:10.0.0.1", options)).toBe(false);
    expect(isReachable("0.0.0.0", options)).toBe(false);
    expect(isReachable("::", options)).toBe(false);
  });
});
