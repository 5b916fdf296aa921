/**
 * The HTTP server under the request handler: node:http with the `[wsgi]` limits, admission
 * checks that run before the handler (URL length, requests in flight), and a graceful close.
 * One call starts one server on one address; a process serving several APIs starts several.
 *
 * The request path adds, per request, two comparisons, a map insertion and two listeners;
 * everything else happens only when a limit is hit or the server is stopping. When the
 * handler is an Express app, requests and responses are created with its prototypes.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerError } from '../http/answer-error.js';
import { newRequestId } from '../context.js';
import { ListenError } from '../errors.js';
import {
  COMPUTE_REQUEST_ID_HEADER,
  OPENSTACK_REQUEST_ID_HEADER
} from '../http/request-id-headers.js';
import { answerClientError } from './client-errors.js';
import { defaultLogger, type Logger } from '../logger.js';
import { applyClientSocketTimeout } from './client-socket-timeout.js';
import { ConcurrencyLimit } from './concurrency-limit.js';
import { GracefulShutdown, type DrainOutcome } from './graceful-shutdown.js';
import { messageClassesFor } from './request-prototypes.js';
import { setResponseHeader } from '../http/owned-headers.js';
import { createServerFor, reloadTls, type TlsFiles } from './tls.js';
import { refuseLongUrl } from './url-length-limit.js';
import { markIfWarmUp, warmUpServer } from '../http/warm-up-requests.js';

/** How one server listens and which limits it enforces (times in milliseconds). */
export interface HttpServerOptions {
  /** Address to listen on (`0.0.0.0`, `::`, `127.0.0.1`...). */
  host: string;
  /** Port; 0 picks a free one (reported in `RunningServer.address`). */
  port: number;
  /** Length of the queue of connections waiting to be accepted. */
  backlog: number;
  /** Largest request head in bytes; Node answers 431 past it. */
  maxHeaderSize: number;
  /** Idle time before a keep-alive connection closes; 0 closes it after each response. */
  keepAliveTimeoutMs: number;
  /** Time to receive a whole request before the connection closes; 0 waits forever. */
  requestTimeoutMs: number;
  /** Longest request URL in bytes; longer gets 414. */
  maxUrlLength: number;
  /** Requests in flight before new ones wait for a slot; 0 means no limit. */
  maxConcurrentRequests: number;
  /**
   * Longest a request waits for a slot (or waited unseen in a busy event loop) before it
   * gets 503 with `Retry-After`; default 0, refused at once.
   */
  maxQueueWaitMs?: number;
  /** Idle time after which a client socket closes, unless its request is being answered; 0 or absent: never. */
  clientSocketTimeoutMs?: number;
  /** Certificate and key files: served over HTTPS when given (see tls.ts). */
  tls?: TlsFiles;
  /** Where the server logs; default the process logger. */
  logger?: Logger;
  /**
   * Paths answered once each, through the whole handler, before the server listens on its
   * address (see warm-up-requests.ts); default none.
   */
  warmUpPaths?: readonly string[];
}

/** A listening server. */
export interface RunningServer {
  /** The address actually bound (the real port when 0 was asked for). */
  readonly address: { readonly host: string; readonly port: number };
  /**
   * Stops accepting connections, answers the requests it has for up to `drainTimeoutMs`,
   * then faults what is left (see graceful-shutdown.ts); resolves once every connection is
   * closed, with how many requests the deadline cut.
   */
  close(drainTimeoutMs: number): Promise<DrainOutcome>;
  /** Requests in flight now. */
  inFlight(): number;
  /** The requests in flight now: method, URL and request id (once a filter gave one). */
  inFlightRequests(): { method: string; url: string; requestId: string | undefined }[];
  /** Reloads the TLS certificate for new connections; false without TLS or on failure. */
  reload(): boolean;
}

/** Node's own default, kept unless the whole request must arrive sooner. */
const DEFAULT_HEADERS_TIMEOUT_MS = 60_000;

/** Starts a server that hands admitted requests to `handler`; resolves once it listens. */
export async function startHttpServer(
  handler: RequestListener,
  options: HttpServerOptions
): Promise<RunningServer> {
  const logger = options.logger ?? defaultLogger();
  const serve = (req: IncomingMessage, res: ServerResponse): void => {
    try {
      handler(req, res);
    } catch (error) {
      // A handler that throws synchronously would otherwise take the whole process down.
      answerError(error, req, res, logger);
    }
  };
  const limit = new ConcurrencyLimit(
    options.maxConcurrentRequests,
    options.maxQueueWaitMs ?? 0,
    serve
  );
  const { maxUrlLength } = options;
  // Node reads keepAliveTimeout 0 as "never time out"; wharf's 0 means "no keep-alive".
  const closeEveryConnection = options.keepAliveTimeoutMs === 0;
  const headersTimeout =
    options.requestTimeoutMs > 0
      ? Math.min(DEFAULT_HEADERS_TIMEOUT_MS, options.requestTimeoutMs)
      : DEFAULT_HEADERS_TIMEOUT_MS;

  // True while the server answers its warm-up requests, before it listens on its address.
  let warming = true;
  const server = createServerFor(
    options.tls,
    {
      maxHeaderSize: options.maxHeaderSize,
      requestTimeout: options.requestTimeoutMs,
      headersTimeout,
      keepAliveTimeout: options.keepAliveTimeoutMs,
      // Timeouts are only checked this often; a quarter of the shortest one keeps them tight.
      connectionsCheckingInterval: Math.min(30_000, Math.max(100, headersTimeout / 4)),
      // An Express app's requests are born with its prototypes (see request-prototypes.ts).
      ...messageClassesFor(handler)
    },
    function wharfRequest(req: IncomingMessage, res: ServerResponse): void {
      // Every response carries the request id, those written before any filter runs too;
      // the request_id filter adopts this id.
      const id = newRequestId();
      if (warming) markIfWarmUp(req);
      setResponseHeader(res, OPENSTACK_REQUEST_ID_HEADER, id);
      setResponseHeader(res, COMPUTE_REQUEST_ID_HEADER, id);
      if (closeEveryConnection || shutdown.draining) setResponseHeader(res, 'Connection', 'close');
      if (refuseLongUrl(req, res, maxUrlLength)) return;
      if (bypassesAdmission(req)) limit.track(req, res);
      else if (!limit.admit(req, res)) return;
      serve(req, res);
    }
  );
  const shutdown = new GracefulShutdown(server, limit, logger);
  applyClientSocketTimeout(server, options.clientSocketTimeoutMs ?? 0);
  await warmUpServer(server, options.warmUpPaths ?? [], options.tls !== undefined);
  warming = false;

  await new Promise<void>((resolve, reject) => {
    const refused = (error: NodeJS.ErrnoException): void =>
      reject(
        new ListenError(`${options.host}:${options.port}`, listenFailure(error), { cause: error })
      );
    server.once('error', refused);
    server.listen({ host: options.host, port: options.port, backlog: options.backlog }, () => {
      server.off('error', refused);
      resolve();
    });
  });
  server.on('error', (error) => logger.error('HTTP server error', { error: String(error) }));
  server.on('clientError', (error: NodeJS.ErrnoException, socket) =>
    answerClientError(error, socket, logger)
  );

  const bound = server.address() as AddressInfo;
  const address = Object.freeze({ host: bound.address, port: bound.port });
  logger.info(`listening on ${address.host}:${address.port}`, { pid: process.pid });
  return {
    address,
    close: (drainTimeoutMs) => shutdown.close(drainTimeoutMs),
    inFlight: () => limit.inFlight,
    inFlightRequests: () =>
      limit.responses().map((res) => ({
        method: res.req.method ?? '',
        url: res.req.url ?? '',
        requestId: res.getHeader(OPENSTACK_REQUEST_ID_HEADER) as string | undefined
      })),
    reload: () => options.tls !== undefined && reloadTls(server, options.tls, logger)
  };
}

/** The path a load balancer probes: answered even when the server refuses other requests. */
const ADMISSION_BYPASS = '/healthcheck';
const QUESTION_MARK = 0x3f;

/**
 * True for the probe's path, with or without a query. Compared, not looked up in a set:
 * a lookup hashes the whole URL of every request.
 */
function bypassesAdmission(req: IncomingMessage): boolean {
  const url = req.url ?? '';
  return (
    url.startsWith(ADMISSION_BYPASS) &&
    (url.length === ADMISSION_BYPASS.length ||
      url.charCodeAt(ADMISSION_BYPASS.length) === QUESTION_MARK)
  );
}

/** Why a listen failed, in words, with the system's code. */
function listenFailure(error: NodeJS.ErrnoException): string {
  const reasons: Record<string, string> = {
    EADDRINUSE: 'the address is already in use',
    EACCES: 'permission denied (ports below 1024 need privileges)',
    EADDRNOTAVAIL: 'the address is not available on this machine',
    ENOTFOUND: 'the host name does not resolve'
  };
  const reason = error.code ? reasons[error.code] : undefined;
  return reason ? `${reason} (${error.code})` : error.message;
}
