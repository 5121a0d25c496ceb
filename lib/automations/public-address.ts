import ipaddr from "ipaddr.js";

// RFC 4291's deprecated "IPv4-compatible" block. ipaddr.js calls it unicast, yet a stack that
// still honours it reaches the IPv4 address inside: `::7f00:1` is 127.0.0.1, loopback.
const IPV4_COMPATIBLE = ipaddr.parseCIDR("::/96");

/**
 * Whether a flow may send a webhook to this IP address: public unicast only. An IPv4 address
 * dressed as IPv6 (`::a.b.c.d`, `::7f00:1`, `::ffff:a.b.c.d`) is refused whatever it holds: a
 * public receiver is reached by its plain address, and the disguise only serves to slip past
 * a check.
 */
export function isPublicAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, "");
  if (!ipaddr.isValid(bare)) return false;
  const ip = ipaddr.parse(bare);
  if (ip.kind() === "ipv6" && (ip as ipaddr.IPv6).match(IPV4_COMPATIBLE)) return false;
  return ip.range() === "unicast";
}
