import { isIPv4, isIPv6 } from "node:net";

/**
 * What an IP address is, for the outbound fetcher: only "public" addresses may be reached from
 * Hum, so that a URL someone types (evidence, a website) can never make the server call itself,
 * its database, a cloud metadata service or anything else on the private side of its network.
 */
export type AddressKind =
  | "public"
  | "loopback"
  | "private"
  | "link_local"
  | "cgnat"
  | "unspecified"
  | "multicast"
  | "reserved"
  | "invalid";

type Range = { base: number; bits: number; kind: AddressKind };

const v4 = (text: string): number => {
  const parts = text.split(".").map(Number);
  return (
    (((parts[0] ?? 0) << 24) |
      ((parts[1] ?? 0) << 16) |
      ((parts[2] ?? 0) << 8) |
      (parts[3] ?? 0)) >>>
    0
  );
};

/** Every IPv4 range that is not the public internet, most specific first where they nest. */
const IPV4_RANGES: Range[] = [
  { base: v4("0.0.0.0"), bits: 8, kind: "unspecified" },
  { base: v4("10.0.0.0"), bits: 8, kind: "private" },
  { base: v4("100.64.0.0"), bits: 10, kind: "cgnat" },
  { base: v4("127.0.0.0"), bits: 8, kind: "loopback" },
  { base: v4("169.254.0.0"), bits: 16, kind: "link_local" },
  { base: v4("172.16.0.0"), bits: 12, kind: "private" },
  // IETF protocol assignments, documentation and benchmarking networks: never a real web server.
  { base: v4("192.0.0.0"), bits: 24, kind: "reserved" },
  { base: v4("192.0.2.0"), bits: 24, kind: "reserved" },
  { base: v4("192.88.99.0"), bits: 24, kind: "reserved" },
  { base: v4("192.168.0.0"), bits: 16, kind: "private" },
  { base: v4("198.18.0.0"), bits: 15, kind: "reserved" },
  { base: v4("198.51.100.0"), bits: 24, kind: "reserved" },
  { base: v4("203.0.113.0"), bits: 24, kind: "reserved" },
  { base: v4("224.0.0.0"), bits: 4, kind: "multicast" },
  { base: v4("240.0.0.0"), bits: 4, kind: "reserved" },
];

function inRange(value: number, range: Range): boolean {
  const mask = range.bits === 0 ? 0 : (0xffffffff << (32 - range.bits)) >>> 0;
  return (value & mask) >>> 0 === range.base;
}

function classifyV4(value: number): AddressKind {
  return IPV4_RANGES.find((range) => inRange(value, range))?.kind ?? "public";
}

/** An IPv6 address as eight 16-bit groups, with a dotted IPv4 tail expanded; null if malformed. */
function groupsOf(text: string): number[] | null {
  let address = text.toLowerCase();
  const zone = address.indexOf("%");
  if (zone !== -1) address = address.slice(0, zone);
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (tail?.[1]) {
    if (!isIPv4(tail[1])) return null;
    const value = v4(tail[1]);
    address = `${address.slice(0, -tail[1].length)}${(value >>> 16).toString(16)}:${(value & 0xffff).toString(16)}`;
  }
  const halves = address.split("::");
  if (halves.length > 2) return null;
  const parse = (part: string | undefined) =>
    part
      ? part.split(":").map((group) => (/^[0-9a-f]{1,4}$/.test(group) ? parseInt(group, 16) : NaN))
      : [];
  const head = parse(halves[0]);
  const rest = parse(halves[1]);
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<number>(halves.length === 2 ? missing : 0).fill(0), ...rest];
  return groups.some(Number.isNaN) ? null : groups;
}

function classifyV6(groups: number[]): AddressKind {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = groups;
  const embedded = ((g6 << 16) | g7) >>> 0;
  const zeroPrefix = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (zeroPrefix && g5 === 0 && g6 === 0) {
    if (g7 === 0) return "unspecified";
    if (g7 === 1) return "loopback";
  }
  // ::ffff:a.b.c.d reaches the IPv4 address it embeds; it is what that address is.
  if (zeroPrefix && g5 === 0xffff) return classifyV4(embedded);
  // NAT64 (64:ff9b::/96) reaches the IPv4 address it embeds; its local-use prefix is private.
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0)
    return classifyV4(embedded);
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 1) return "private";
  // ::a.b.c.d (deprecated IPv4-compatible) and the rest of ::/8.
  if ((g0 & 0xff00) === 0) return "reserved";
  if ((g0 & 0xfe00) === 0xfc00) return "private";
  if ((g0 & 0xffc0) === 0xfe80) return "link_local";
  if ((g0 & 0xffc0) === 0xfec0) return "private";
  if ((g0 & 0xff00) === 0xff00) return "multicast";
  // 6to4 (2002::/16) tunnels to the IPv4 address in its next 32 bits.
  if (g0 === 0x2002) return classifyV4(((g1 << 16) | g2) >>> 0);
  // Teredo (2001::/32) tunnels anywhere; documentation (2001:db8::/32) is never a server.
  if (g0 === 0x2001 && (g1 === 0 || g1 === 0xdb8)) return "reserved";
  // Only 2000::/3 is global unicast; everything else is unassigned or special.
  if ((g0 & 0xe000) !== 0x2000) return "reserved";
  return "public";
}

/** What kind of address `text` is (an IPv4 or IPv6 literal, brackets allowed). */
export function classifyAddress(text: string): AddressKind {
  const address = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  if (isIPv4(address)) return classifyV4(v4(address));
  if (isIPv6(address)) {
    const groups = groupsOf(address);
    return groups ? classifyV6(groups) : "invalid";
  }
  return "invalid";
}

/**
 * Whether the fetcher may connect to `address`: public ones always; loopback only where tests
 * allow it (lib/env.ts refuses that setting in production); anything else never.
 */
export function isReachable(address: string, options: { allowLoopback?: boolean } = {}): boolean {
  const kind = classifyAddress(address);
  return kind === "public" || (kind === "loopback" && options.allowLoopback === true);
}
