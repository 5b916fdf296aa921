/**
 * HTTP/1.1 over a raw TCP socket, for requests no well-behaved client would send (bad
 * request lines, conflicting framing, bytes that are not UTF-8): writes the bytes as
 * given, reads until the server closes or the time is up, and parses every response it
 * got (Content-Length, chunked, or until close).
 */
import { connect } from 'node:net';

/** One parsed response. */
export interface RawResponse {
  status: number;
  /** Header names lower-cased; a repeated header keeps its last value. */
  headers: Record<string, string>;
  body: string;
}

/** What the exchange produced. */
export interface RawOutcome {
  responses: RawResponse[];
  /** The socket error code (ECONNRESET, EPIPE...), or `timeout`; undefined when clean. */
  error?: string;
  /** Bytes after the last complete response (a truncated one). */
  leftover: number;
}

/** Options of one exchange. */
export interface RawOptions {
  /** Give up this long after connecting (default 5000 ms). */
  timeoutMs?: number;
  /** Wait this long between pieces of `data` (default 0). */
  pauseMs?: number;
  /** The request was a HEAD: its response has a head only, whatever it announces. */
  head?: boolean;
}

/** Sends `data` (pieces written in order) to 127.0.0.1:`port` and reads the answers. */
export function rawExchange(
  port: number,
  data: string | Buffer | (string | Buffer)[],
  options: RawOptions = {}
): Promise<RawOutcome> {
  const pieces = Array.isArray(data) ? data : [data];
  return new Promise((resolve) => {
    const received: Buffer[] = [];
    let error: string | undefined;
    const socket = connect({ host: '127.0.0.1', port });
    const timer = setTimeout(() => {
      error ??= 'timeout';
      socket.destroy();
    }, options.timeoutMs ?? 5000);
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.on('error', (cause: NodeJS.ErrnoException) => {
      error ??= cause.code ?? cause.message;
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({
        ...parseResponses(Buffer.concat(received), options.head ?? false),
        ...(error ? { error } : {})
      });
    });
    socket.once('connect', async () => {
      for (const piece of pieces) {
        if (socket.destroyed) return;
        socket.write(piece);
        if (options.pauseMs) await new Promise((next) => setTimeout(next, options.pauseMs));
      }
    });
  });
}

/** Statuses whose responses never have a body. */
const NO_BODY = new Set([204, 304]);

/**
 * Every complete response in `bytes`, and how many bytes were left over; `head`: the
 * responses answer HEAD requests and carry no body.
 */
export function parseResponses(
  bytes: Buffer,
  head = false
): { responses: RawResponse[]; leftover: number } {
  const responses: RawResponse[] = [];
  let at = 0;
  for (;;) {
    const headEnd = bytes.indexOf('\r\n\r\n', at);
    if (headEnd === -1) break;
    const [statusLine, ...lines] = bytes.subarray(at, headEnd).toString('latin1').split('\r\n');
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '')?.[1]);
    if (!Number.isInteger(status)) break;
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      if (colon > 0)
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const bodyAt = headEnd + 4;
    const framed =
      head || NO_BODY.has(status)
        ? { body: Buffer.alloc(0), end: bodyAt }
        : frameBody(bytes, bodyAt, headers);
    if (framed === null) break;
    responses.push({ status, headers, body: framed.body.toString('utf8') });
    at = framed.end;
  }
  return { responses, leftover: bytes.length - at };
}

function frameBody(
  bytes: Buffer,
  at: number,
  headers: Record<string, string>
): { body: Buffer; end: number } | null {
  if (headers['transfer-encoding']?.toLowerCase() === 'chunked') {
    const parts: Buffer[] = [];
    let cursor = at;
    for (;;) {
      const lineEnd = bytes.indexOf('\r\n', cursor);
      if (lineEnd === -1) return null;
      const size = parseInt(bytes.subarray(cursor, lineEnd).toString('latin1'), 16);
      if (!Number.isInteger(size)) return null;
      cursor = lineEnd + 2;
      if (size === 0) {
        const trailerEnd = bytes.indexOf('\r\n', cursor);
        return trailerEnd === -1 ? null : { body: Buffer.concat(parts), end: trailerEnd + 2 };
      }
      if (cursor + size + 2 > bytes.length) return null;
      parts.push(bytes.subarray(cursor, cursor + size));
      cursor += size + 2;
    }
  }
  const length = headers['content-length'];
  if (length !== undefined) {
    const end = at + Number(length);
    return end > bytes.length ? null : { body: bytes.subarray(at, end), end };
  }
  return { body: bytes.subarray(at), end: bytes.length };
}
