/**
 * Reading what a request sends: the Content-Type check, the JSON body and the query string,
 * with the statuses of the compute contract (415, 400 "Malformed request body").
 */
import type { IncomingMessage } from 'node:http';
import {
  ClientDisconnectedError,
  HTTPUnsupportedMediaType,
  MalformedBodyError
} from '../errors.js';
import { assertJsonDepth, assertValueDepth } from './json-depth.js';
import { sinkBody } from '../http/body-sink.js';

const ACCEPTED_MEDIA_TYPES = new Set([
  'application/json',
  'application/vnd.openstack.compute+json',
  'text/plain'
]);

/** Throws 415 unless the Content-Type is absent, empty, JSON, compute JSON or text/plain. */
export function checkContentType(header: string | undefined): void {
  if (header === undefined) return;
  const end = header.indexOf(';');
  const mediaType = (end === -1 ? header : header.slice(0, end)).trim().toLowerCase();
  if (mediaType === '' || ACCEPTED_MEDIA_TYPES.has(mediaType)) return;
  throw new HTTPUnsupportedMediaType('Unsupported Content-Type');
}

/** The 400 every unparseable or wrongly shaped body gets. */
export function malformedBody(): MalformedBodyError {
  return new MalformedBodyError('Malformed request body');
}

/**
 * Reads the whole body and parses it as JSON; an empty body is null. A body nested deeper
 * than MAX_JSON_DEPTH is refused (400 `WHARF_BODY_TOO_DEEP`) before it is parsed. wharf's
 * own requests hand their body over through a sink (core/http/body-sink.ts), others
 * through their stream.
 */
export function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const preParsed = (req as IncomingMessage & { body?: unknown }).body;
  if (preParsed !== undefined) {
    try {
      assertValueDepth(preParsed);
    } catch (error) {
      return Promise.reject(error);
    }
    return Promise.resolve(preParsed);
  }
  return new Promise((resolve, reject) => {
    // 'error' and the body's end settle the promise, which settles once: plain listeners will
    // do. A request stream errs only when its connection is gone mid-body ('aborted').
    req.on('error', (error) => reject(new ClientDisconnectedError({ cause: error })));
    const done = (chunks: Buffer[]): void => {
      try {
        resolve(parseJsonBody(chunks));
      } catch (error) {
        reject(error);
      }
    };
    if (sinkBody(req, done)) return;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => done(chunks));
  });
}

/** The JSON of a body's chunks: null when blank; throws the 400s of `readJsonBody`. */
function parseJsonBody(chunks: readonly Buffer[]): unknown {
  const text =
    chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return null;
  assertJsonDepth(text);
  try {
    return JSON.parse(text);
  } catch {
    throw malformedBody();
  }
}

/**
 * Parses the query string of a URL; a repeated parameter becomes an array. The result has
 * no prototype: `?__proto__=a&__proto__=b` or `?constructor=x` are parameters, not the
 * object's accessors and methods.
 */
export function parseQuery(url: string): Record<string, string | string[]> {
  const start = url.indexOf('?');
  const query: Record<string, string | string[]> = Object.create(null);
  if (start === -1) return query;
  for (const [key, value] of new URLSearchParams(url.slice(start + 1))) {
    const previous = query[key];
    query[key] =
      previous === undefined
        ? value
        : Array.isArray(previous)
          ? [...previous, value]
          : [previous, value];
  }
  return query;
}
