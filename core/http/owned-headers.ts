/**
 * Response headers wharf keeps itself until the response's head is written. Setting a header
 * on a Node response (`setHeader`) validates it, lower-cases its name and stores it in a
 * dictionary that `writeHead` walks again; a response whose every header is handed to one
 * `writeHead(status, [name, value, ...])` skips all of that (docs/performance.md, "Response
 * headers, session 15"). But Node takes that fast path only when no header was set with
 * `setHeader` before, so wharf's own headers (request ids, fingerprint, microversion,
 * content type and length) go into a list on the response instead.
 *
 * wharf's responses (core/server/request-prototypes.ts) are born owning an empty list, and
 * their header methods (owned-header-methods.ts) keep everyone else's view unchanged: a
 * read answers from the list, and the first change made by anyone else (a filter written
 * for Express calling `setHeader`, `removeHeader`, `writeHead` with headers...) first moves
 * the list into Node's headers, in order, and the response is Node's from then on. A
 * response of any other server (no list) gets `setHeader` directly.
 */
import type { OutgoingHttpHeader, ServerResponse } from 'node:http';

/** Header names and values in turn, as `writeHead` takes them. */
export type HeaderList = (string | number | readonly string[])[];

/** The response's own headers: a list while wharf keeps them, null once Node's has them. */
export const OWNED_HEADERS = Symbol('wharf.owned-headers');

/** A response that may keep its headers wharf-side. */
export type OwningResponse = ServerResponse & { [OWNED_HEADERS]?: HeaderList | null };

/**
 * Sets header `name` of `res` to `value` (replacing a header of the same name in any case, at
 * its place, as `setHeader` does). `name` and `value` must be valid header text: wharf's own
 * constants and values, not a client's or an extension's (those go through `setHeader`).
 */
export function setResponseHeader(res: ServerResponse, name: string, value: string | number): void {
  const owned = (res as OwningResponse)[OWNED_HEADERS];
  if (owned == null || res.headersSent) {
    res.setHeader(name, value);
    return;
  }
  const at = headerIndex(owned, name);
  if (at === -1) owned.push(name, value);
  else {
    owned[at] = name;
    owned[at + 1] = value;
  }
}

/**
 * Adds `value` to header `name` of `res`, as `appendHeader` does: kept wharf-side when the
 * response has no such header yet, else left to Node's `appendHeader` (which makes the
 * header a list of values). Same validity rule as `setResponseHeader`.
 */
export function appendResponseHeader(res: ServerResponse, name: string, value: string): void {
  const owned = (res as OwningResponse)[OWNED_HEADERS];
  if (owned == null || res.headersSent || headerIndex(owned, name) !== -1) {
    res.appendHeader(name, value);
    return;
  }
  owned.push(name, value);
}

/** Index of the name of header `name` (any case) in `list`, or -1. */
export function headerIndex(list: HeaderList, name: string): number {
  let lower: string | undefined;
  for (let at = 0; at < list.length; at += 2) {
    const given = list[at] as string;
    // Lengths first: a name of another length cannot match in any case, so the case-folding
    // compare runs only for names of equal length (few among a response's headers).
    if (given.length !== name.length) continue;
    if (given === name || given.toLowerCase() === (lower ??= name.toLowerCase())) return at;
  }
  return -1;
}

/** The value of header `name` in `list`, as `getHeader` returns it. */
export function headerValue(list: HeaderList, name: string): OutgoingHttpHeader | undefined {
  const at = headerIndex(list, name);
  return at === -1 ? undefined : (list[at + 1] as OutgoingHttpHeader);
}
