import { isIP } from 'node:net';

/**
 * Which destinations the remote-image proxy may reach (issue 6 part 5). The
 * proxy fetches URLs written by whoever sent the mail, from inside the
 * admin's network, so every hop must be a public unicast address: a tracker
 * pixel pointing at 127.0.0.1:6379, 169.254.169.254 (cloud metadata) or
 * 10.0.0.1 would otherwise be an SSRF. Pure functions, no I/O: the fetcher
 * resolves names and asks `isPublicAddress` about each result.
 */

export type Refusal =
  | 'invalid-url'
  | 'scheme'
  | 'credentials'
  | 'port'
  | 'reserved-name'
  | 'non-public-address';

export type UrlVerdict =
  | { ok: true; url: URL; /** Host name or address literal, without brackets or a trailing dot. */ host: string; port: number; /** Set when the URL names an address, not a host name. */ literal: string | null }
  | { ok: false; reason: Refusal };

/** Ports a mail image may come from; anything else is more likely a probe of an internal service. */
export const ALLOWED_PORTS: ReadonlySet<number> = new Set([80, 443]);

/**
 * Names that never resolve to the public internet (RFC 6761, RFC 6762,
 * RFC 8375, ICANN's .internal), refused before any DNS query so the proxy
 * neither leaks lookups of them nor reaches what a local resolver maps them to.
 */
const RESERVED_SUFFIXES = ['localhost', 'local', 'localdomain', 'internal', 'intranet', 'lan', 'home.arpa', 'test', 'example', 'invalid', 'onion', 'alt'];

type Cidr4 = readonly [base: number, bits: number];

function v4(text: string): number {
  return text.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

/** IPv4 ranges that are not public unicast (IANA special-purpose registry, RFC 6890). */
const NON_PUBLIC_V4: readonly Cidr4[] = (
  [
    ['0.0.0.0', 8], // "this network", incl. the unspecified 0.0.0.0
    ['10.0.0.0', 8], // private, RFC 1918
    ['100.64.0.0', 10], // carrier-grade NAT, RFC 6598
    ['127.0.0.0', 8], // loopback
    ['169.254.0.0', 16], // link-local, cloud metadata services
    ['172.16.0.0', 12], // private
    ['192.0.0.0', 24], // IETF protocol assignments
    ['192.0.2.0', 24], // TEST-NET-1
    ['192.88.99.0', 24], // 6to4 relay anycast (deprecated, RFC 7526)
    ['192.168.0.0', 16], // private
    ['198.18.0.0', 15], // benchmarking
    ['198.51.100.0', 24], // TEST-NET-2
    ['203.0.113.0', 24], // TEST-NET-3
    ['224.0.0.0', 4], // multicast
    ['240.0.0.0', 4], // reserved, incl. broadcast 255.255.255.255
  ] as const
).map(([base, bits]) => [v4(base), bits] as const);

function inCidr4(addr: number, [base, bits]: Cidr4): boolean {
  const size = 2 ** (32 - bits);
  return addr >= base && addr < base + size;
}

function isPublicV4(text: string): boolean {
  const addr = v4(text);
  return !NON_PUBLIC_V4.some((cidr) => inCidr4(addr, cidr));
}

/** Eight 16-bit groups of a valid IPv6 address (as net.isIP accepts it, embedded IPv4 and zone included). */
export function ipv6Groups(text: string): number[] {
  let s = text.toLowerCase().split('%')[0]!;
  const tail: number[] = [];
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (dotted) {
    const n = v4(dotted[2]!);
    tail.push(Math.floor(n / 65536), n % 65536);
    s = dotted[1]!.endsWith('::') ? dotted[1]! : dotted[1]!.slice(0, -1);
  }
  const parse = (part: string) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const gap = s.indexOf('::');
  if (gap < 0) return [...parse(s), ...tail];
  const left = parse(s.slice(0, gap));
  const right = parse(s.slice(gap + 2));
  const zeros = new Array<number>(8 - tail.length - left.length - right.length).fill(0);
  return [...left, ...zeros, ...right, ...tail];
}

function embeddedV4(groups: number[]): string {
  const [a, b] = [groups[6]!, groups[7]!];
  return `${a >> 8}.${a & 255}.${b >> 8}.${b & 255}`;
}

function isPublicV6(text: string): boolean {
  const g = ipv6Groups(text);
  // IPv4-mapped ::ffff:a.b.c.d and NAT64 64:ff9b::a.b.c.d (RFC 6052) reach the IPv4 address they carry.
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) return isPublicV4(embeddedV4(g));
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return isPublicV4(embeddedV4(g));
  // Only global unicast 2000::/3 is public. This excludes ::, ::1, IPv4-compatible ::/96,
  // 100::/64 discard, fc00::/7 unique-local, fe80::/10 link-local, fec0::/10 site-local, ff00::/8 multicast.
  if ((g[0]! & 0xe000) !== 0x2000) return false;
  // Inside 2000::/3: IETF protocol assignments 2001::/23 (Teredo, benchmarking, ORCHID),
  // documentation 2001:db8::/32 and 3fff::/20 (RFC 9637), 6to4 2002::/16 (tunnels to any IPv4).
  if (g[0] === 0x2001 && g[1]! < 0x0200) return false;
  if (g[0] === 0x2001 && g[1] === 0x0db8) return false;
  if (g[0] === 0x2002) return false;
  if (g[0] === 0x3fff && g[1]! < 0x1000) return false;
  return true;
}

/** True only for a public unicast IPv4 or IPv6 address; false for anything else, including non-addresses. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address.split('%')[0]!);
  if (family === 4) return isPublicV4(address);
  if (family === 6) return isPublicV6(address);
  return false;
}

/** True for a host name the proxy must not even look up. */
export function isReservedName(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  // A single label ("intranet", "router") resolves through the search domain to internal hosts.
  if (!name.includes('.')) return true;
  return RESERVED_SUFFIXES.some((suffix) => name === suffix || name.endsWith(`.${suffix}`));
}

/**
 * Checks a URL before anything is fetched: http(s), no credentials, port 80
 * or 443, and a host that is either a public address literal or a name worth
 * resolving. The WHATWG URL parser has already turned 0x7f.1, 2130706433 and
 * 0177.0.0.1 into 127.0.0.1, so address tricks end up as plain literals here.
 */
export interface AddressPolicy {
  isAllowedAddress: (address: string) => boolean;
  allowedPorts: ReadonlySet<number>;
}

/** The policy of production: public unicast only, ports 80 and 443. Tests aimed at loopback pass their own. */
export const PUBLIC_ONLY: AddressPolicy = { isAllowedAddress: isPublicAddress, allowedPorts: ALLOWED_PORTS };

export function vetUrl(raw: string, policy: AddressPolicy = PUBLIC_ONLY): UrlVerdict {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'invalid-url' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: 'scheme' };
  if (url.username || url.password) return { ok: false, reason: 'credentials' };
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  if (!policy.allowedPorts.has(port)) return { ok: false, reason: 'port' };
  let host = url.hostname;
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  host = host.replace(/\.$/, '');
  if (!host) return { ok: false, reason: 'invalid-url' };
  if (isIP(host)) {
    return policy.isAllowedAddress(host) ? { ok: true, url, host, port, literal: host } : { ok: false, reason: 'non-public-address' };
  }
  if (isReservedName(host)) return { ok: false, reason: 'reserved-name' };
  return { ok: true, url, host, port, literal: null };
}
