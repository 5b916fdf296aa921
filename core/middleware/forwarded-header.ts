/**
 * Reading what proxies append to a request: RFC 7239 `Forwarded` elements and the address
 * chain of `X-Forwarded-For`. Pure parsing, linear in the header's length (which the server
 * bounds by `[wsgi] max_header_size`); whether to believe any of it is the caller's decision.
 */
import { isIP } from 'node:net';

/** One element of a `Forwarded` header: its `name=value` pairs, names in lower case. */
export type ForwardedElement = ReadonlyMap<string, string>;

/** Splits `text` at `separator`, except inside double quotes (where `\` escapes). */
function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted && char === '\\') i += 1;
    else if (char === '"') quoted = !quoted;
    else if (!quoted && char === separator) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"')
    ? value.slice(1, -1).replace(/\\(.)/g, '$1')
    : value;
}

/** The elements of a `Forwarded` header, first (the client's side) to last. */
export function parseForwarded(header: string): ForwardedElement[] {
  return splitOutsideQuotes(header, ',').map((element) => {
    const pairs = new Map<string, string>();
    for (const pair of splitOutsideQuotes(element, ';')) {
      const equals = pair.indexOf('=');
      if (equals === -1) continue;
      const name = pair.slice(0, equals).trim().toLowerCase();
      if (!pairs.has(name)) pairs.set(name, unquote(pair.slice(equals + 1).trim()));
    }
    return pairs;
  });
}

/**
 * The IP address of a `for=` value or an `X-Forwarded-For` item (`192.0.2.1`,
 * `192.0.2.1:4711`, `[2001:db8::1]:4711`, `2001:db8::1`), or null for anything else
 * (`unknown`, an obfuscated `_name`, garbage).
 */
export function nodeAddress(value: string): string | null {
  const node = value.trim();
  if (isIP(node) !== 0) return node;
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(node);
  if (bracketed !== null) return isIP(bracketed[1]!) === 6 ? bracketed[1]! : null;
  const withPort = /^([\d.]+):\d{1,5}$/.exec(node);
  return withPort !== null && isIP(withPort[1]!) === 4 ? withPort[1]! : null;
}

/**
 * The client address of a request that arrived through a chain of proxies: walking from
 * the nearest hop (the socket's peer, already trusted) towards the client, the first
 * address `trusted` does not accept. The hops, client side first, are `chain`; an entry
 * that is no address ends the walk at the hop before it, so a client cannot make itself
 * look like anything by prepending garbage. Null when `chain` is empty.
 */
export function clientOfChain(
  chain: readonly string[],
  trusted: (address: string) => boolean
): string | null {
  let client: string | null = null;
  for (let i = chain.length - 1; i >= 0; i -= 1) {
    const address = nodeAddress(chain[i]!);
    if (address === null) return client;
    client = address;
    if (!trusted(address)) return client;
  }
  return client;
}
