/**
 * `[wsgi] client_socket_timeout`, as nova's: a client socket idle that long is closed, so a
 * client that connects and sends nothing, stops mid-request or stops reading its answer
 * does not hold a connection for ever. 0 turns it off.
 *
 * Node's socket timeout measures inactivity on the socket, which is also what a request
 * whose handler is still working looks like. eventlet only timed out its reads and writes,
 * never the application, so wharf does the same: when a socket's timer fires while its
 * request is fully read and its response is neither finished nor stuck behind a client that
 * does not read, the socket is kept (the timer re-arms on the next byte either way).
 * Between requests a kept-alive socket closes after the shorter of this and
 * `[wsgi] keep_alive_timeout` (which the `Keep-Alive` header then advertises).
 */
import type { Server as HttpServer, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** Node keeps the response in progress on its socket under this (undocumented) name. */
type WithResponse = Socket & { _httpMessage?: ServerResponse | null };

// The server's `timeout` listener: keeping it registered stops Node's default destroy.
function onSocketTimeout(socket: WithResponse): void {
  const res = socket._httpMessage;
  const handlerWorking =
    res !== undefined && res !== null && res.req.complete && !res.writableEnded;
  if (handlerWorking && socket.writableLength === 0) return;
  socket.destroy();
}

/**
 * Closes the client sockets of `server` idle for `timeoutMs` (0: never), except those whose
 * request the handler is still answering.
 */
export function applyClientSocketTimeout(server: HttpServer, timeoutMs: number): void {
  if (timeoutMs <= 0) return;
  server.setTimeout(timeoutMs, onSocketTimeout);
  // Between two requests Node times a kept-alive socket by keepAliveTimeout instead; the
  // shorter one wins (0 there means wharf closes after each response: left alone).
  if (server.keepAliveTimeout > timeoutMs) server.keepAliveTimeout = timeoutMs;
}
