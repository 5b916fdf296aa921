/**
 * `[wsgi] trusted_proxies`: the peers whose proxy headers wharf believes. A list of IPv4 and
 * IPv6 addresses and CIDR blocks (`10.0.0.0/8`, `2001:db8::/32`, `::1`), matched with
 * node:net's BlockList, which also matches an IPv4-mapped IPv6 peer (`::ffff:10.1.2.3`, what
 * a dual-stack socket reports for an IPv4 client) against IPv4 blocks.
 *
 * Nothing is trusted by default: not even loopback, which a local proxy needs listed
 * (`127.0.0.0/8, ::1`).
 */
import { BlockList, isIP } from 'node:net';

const PREFIX = /^\d{1,3}$/;

/** A set of trusted peer addresses, built once at start-up. */
export class TrustedProxies {
  private constructor(
    private readonly blocks: BlockList,
    /** How many entries the list holds; 0 trusts nobody. */
    readonly size: number
  ) {}

  /**
   * Parses `entries` (addresses or CIDR blocks); `fail(entry, expected)` is called for a bad
   * one and must throw.
   */
  static parse(
    entries: readonly string[],
    fail: (entry: string, expected: string) => never
  ): TrustedProxies {
    const blocks = new BlockList();
    for (const entry of entries) {
      const slash = entry.indexOf('/');
      const address = slash === -1 ? entry : entry.slice(0, slash);
      const family = isIP(address);
      if (family === 0) fail(entry, 'an IPv4 or IPv6 address or CIDR block');
      const type = family === 4 ? 'ipv4' : 'ipv6';
      if (slash === -1) {
        blocks.addAddress(address, type);
        continue;
      }
      const bits = entry.slice(slash + 1);
      const max = family === 4 ? 32 : 128;
      if (!PREFIX.test(bits) || Number(bits) > max)
        fail(entry, `a CIDR block with a prefix length from 0 to ${max}`);
      blocks.addSubnet(address, Number(bits), type);
    }
    return new TrustedProxies(blocks, entries.length);
  }

  /** Whether `address` (as a socket reports it) is a trusted proxy. */
  trusts(address: string | undefined): boolean {
    if (address === undefined || this.size === 0) return false;
    const family = isIP(address);
    if (family === 0) return false;
    return this.blocks.check(address, family === 4 ? 'ipv4' : 'ipv6');
  }
}
