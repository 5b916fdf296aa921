/**
 * The URL length limit of the HTTP server (`[wsgi] max_url_length`): a request whose URL is
 * longer than the limit gets a 414 fault before any filter or handler sees it, the way an
 * Apache or nginx in front of nova refused such URLs before WSGI did.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendFault } from '../http/faults.js';
import { HTTPURITooLong } from '../errors.js';

/**
 * Answers 414 when the request URL is longer than `maxUrlLength`; true when it did (the
 * request then goes no further). Node keeps the request line as one byte per character, so
 * the string length is the length on the wire.
 */
export function refuseLongUrl(
  req: IncomingMessage,
  res: ServerResponse,
  maxUrlLength: number
): boolean {
  const length = req.url?.length ?? 0;
  if (length <= maxUrlLength) return false;
  sendFault(
    res,
    new HTTPURITooLong(
      `The request URI is too long: ${length} bytes, at most ${maxUrlLength} are accepted.`
    )
  );
  return true;
}
