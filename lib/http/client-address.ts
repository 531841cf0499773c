import { isIP } from "node:net";

/**
 * The client's address, as the limits count it. Every hop appends the address it received the
 * request from to X-Forwarded-For, so only the right-most entries are true: the last one was
 * appended by Hum's own front (or by Next.js from the socket when it answers directly), and
 * each of `trustedProxies` configured proxies before it vouches for one more entry to its left.
 * Anything further left was written by the client and is ignored. IPv6 clients are counted by
 * their /64, since one subscriber holds a whole /64.
 */
export function clientIpFrom(forwardedFor: string | null, trustedProxies: number): string {
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  if (hops.length === 0) return "unknown";
  const hop = hops[Math.max(0, hops.length - 1 - trustedProxies)] ?? "";
  return addressKey(hop) ?? "unknown";
}

function addressKey(address: string): string | undefined {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address)?.[1];
  const candidate = mapped ?? address;
  if (isIP(candidate) === 4) return candidate;
  if (isIP(candidate) !== 6) return undefined;
  const [head = "", tail = ""] = candidate.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = candidate.includes("::") && tail ? tail.split(":") : [];
  const missing = 8 - left.length - right.length;
  const groups = [...left, ...Array(Math.max(0, missing)).fill("0"), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
