/**
 * Lingering, as nginx's `lingering_close`: after an early answer (a 413 sent while the
 * client is still uploading the body), closing the connection at once, with unread bytes
 * in its receive buffer, makes the kernel send a reset; a client still writing then sees
 * EPIPE or ECONNRESET, often before it read the answer it was sent.
 *
 * So the early answer keeps the connection: Node's HTTP server reads what is left of the
 * request body and throws it away (nothing is buffered), and the connection serves the
 * next request as usual once the body is over. A client that keeps sending longer than
 * `LINGER_MS` after the answer has its connection closed.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Longest time the rest of a refused body is read and discarded after the answer. */
export const LINGER_MS = 5000;

/**
 * Bounds how long `req`'s body may keep arriving once `res` (an early answer) is written:
 * past `lingerMs` the connection is closed.
 */
export function lingerAfterAnswer(
  req: IncomingMessage,
  res: ServerResponse,
  lingerMs = LINGER_MS
): void {
  res.once('finish', () => {
    if (req.complete) return;
    const timer = setTimeout(() => {
      if (!req.complete) req.socket.destroy();
    }, lingerMs).unref();
    req.socket.once('close', () => clearTimeout(timer));
  });
}
