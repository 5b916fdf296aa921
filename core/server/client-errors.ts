/**
 * Requests Node refuses before wharf sees them (a malformed request line or header, a head
 * larger than `maxHeaderSize`, a request that did not arrive within `requestTimeoutMs`).
 * Node's own answer is a bare `400 Bad Request` with no body; wharf's is a fault like any
 * other: the status Node chose, a nova-shaped JSON body and both request-id headers, then
 * the connection closes (the stream can no longer be parsed).
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { buildFault } from '../http/faults.js';
import { newRequestId } from '../context.js';
import { HTTPBadRequest, HTTPHeadersTooLarge, HTTPRequestTimeout } from '../errors.js';
import type { Logger } from '../logger.js';
import {
  COMPUTE_REQUEST_ID_HEADER,
  OPENSTACK_REQUEST_ID_HEADER
} from '../http/request-id-headers.js';

/** The fault for a parse error Node reports through the server's `clientError` event. */
function faultFor(error: NodeJS.ErrnoException): Error {
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    return new HTTPHeadersTooLarge('The request head is larger than the server accepts.');
  }
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return new HTTPRequestTimeout('The request did not arrive in time.');
  }
  return new HTTPBadRequest('Malformed HTTP request.');
}

/** Answers a request Node could not parse with a fault, then closes the connection. */
export function answerClientError(
  error: NodeJS.ErrnoException,
  socket: Duplex,
  logger: Logger
): void {
  // As Node's own handler: answer only a connection nothing was written to yet (an answer
  // after part of another response would corrupt it), and not one the client reset.
  if (error.code === 'ECONNRESET' || !socket.writable || (socket as Socket).bytesWritten > 0) {
    socket.destroy();
    return;
  }
  const fault = buildFault(faultFor(error));
  const id = newRequestId();
  const body = JSON.stringify(fault.body);
  logger.info('refused a request Node could not parse', {
    requestId: id,
    status: fault.status,
    reason: error.code ?? error.message
  });
  socket.end(
    `HTTP/1.1 ${fault.status} ${STATUS_CODES[fault.status]}\r\n` +
      'Content-Type: application/json; charset=UTF-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      `${OPENSTACK_REQUEST_ID_HEADER}: ${id}\r\n${COMPUTE_REQUEST_ID_HEADER}: ${id}\r\n` +
      `Connection: close\r\n\r\n${body}`
  );
}
