/**
 * The header methods of a response that keeps its headers wharf-side (owned-headers.ts), so
 * that code written for Node or Express sees the response exactly as if every header had
 * been set with `setHeader`:
 *
 * - `getHeader`, `hasHeader`, `getHeaders`, `getHeaderNames` and `getRawHeaderNames` answer
 *   from the list, before and after the head is written;
 * - `setHeader`, `setHeaders`, `appendHeader`, `removeHeader`, and `writeHead` given
 *   headers, first move the list into Node's headers (in order, names as given), then do
 *   what Node's do; the response keeps no list from then on;
 * - `writeHead` given no headers (also Node's own, from `write`, `end` and `flushHeaders`)
 *   hands the list to Node's `writeHead`: one call, Node's fast path.
 *
 * Node's deprecated `_headers` and `_headerNames` accessors are not covered: they show only
 * headers Node holds.
 */
import type { ServerResponse } from 'node:http';
import { headerIndex, headerValue, OWNED_HEADERS, type OwningResponse } from './owned-headers.js';

type Method = (this: OwningResponse, ...args: unknown[]) => unknown;

const CHANGING = ['setHeader', 'setHeaders', 'appendHeader', 'removeHeader'] as const;

/**
 * The header methods to define on a response prototype whose responses own their headers;
 * each calls the method `prototype` has now (Node's, or the app's) for the real work.
 */
export function ownedHeaderMethods(prototype: ServerResponse): PropertyDescriptorMap {
  const inherited = (name: string): Method =>
    (prototype as unknown as Record<string, Method>)[name]!;
  const setHeader = inherited('setHeader');
  const writeHead = inherited('writeHead');
  const getHeader = inherited('getHeader');
  const hasHeader = inherited('hasHeader');
  const getHeaders = inherited('getHeaders');
  const getHeaderNames = inherited('getHeaderNames');
  const getRawHeaderNames = inherited('getRawHeaderNames');

  /** Moves the list into Node's headers (not once the head is written: it was sent). */
  function release(res: OwningResponse): void {
    const owned = res[OWNED_HEADERS];
    if (owned == null || res.headersSent) return;
    res[OWNED_HEADERS] = null;
    for (let at = 0; at < owned.length; at += 2) setHeader.call(res, owned[at], owned[at + 1]);
  }

  function ownedWriteHead(
    this: OwningResponse,
    statusCode: unknown,
    reason?: unknown,
    headers?: unknown
  ): unknown {
    const owned = this[OWNED_HEADERS];
    if (owned != null && !this.headersSent) {
      if (headers === undefined && reason === undefined) {
        return writeHead.call(this, statusCode, owned);
      }
      if (headers === undefined && typeof reason === 'string') {
        return writeHead.call(this, statusCode, reason, owned);
      }
      release(this);
    }
    // eslint-disable-next-line prefer-rest-params -- Node counts its arguments
    return writeHead.apply(this, arguments as unknown as unknown[]);
  }

  const methods: Record<string, Method> = {
    writeHead: ownedWriteHead as Method,
    writeHeader: ownedWriteHead as Method,
    getHeader(this: OwningResponse, name: unknown) {
      const owned = this[OWNED_HEADERS];
      if (owned == null || typeof name !== 'string') return getHeader.call(this, name);
      return headerValue(owned, name);
    },
    hasHeader(this: OwningResponse, name: unknown) {
      const owned = this[OWNED_HEADERS];
      if (owned == null || typeof name !== 'string') return hasHeader.call(this, name);
      return headerIndex(owned, name) !== -1;
    },
    getHeaders(this: OwningResponse) {
      const owned = this[OWNED_HEADERS];
      if (owned == null) return getHeaders.call(this);
      const headers: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      for (let at = 0; at < owned.length; at += 2) {
        headers[(owned[at] as string).toLowerCase()] = owned[at + 1];
      }
      return headers;
    },
    getHeaderNames(this: OwningResponse) {
      const owned = this[OWNED_HEADERS];
      if (owned == null) return getHeaderNames.call(this);
      return owned.filter((_, at) => at % 2 === 0).map((name) => (name as string).toLowerCase());
    },
    getRawHeaderNames(this: OwningResponse) {
      const owned = this[OWNED_HEADERS];
      if (owned == null) return getRawHeaderNames.call(this);
      return owned.filter((_, at) => at % 2 === 0);
    }
  };
  for (const name of CHANGING) {
    const change = inherited(name);
    methods[name] = function (this: OwningResponse, ...args: unknown[]) {
      release(this);
      return change.apply(this, args);
    };
  }
  const descriptors: PropertyDescriptorMap = {};
  for (const [name, value] of Object.entries(methods)) {
    descriptors[name] = { value, writable: true, configurable: true };
  }
  return descriptors;
}
