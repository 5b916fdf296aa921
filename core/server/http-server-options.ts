/**
 * The bridge from wharf.conf to the server runtime: the `[wsgi]` options, in seconds as
 * operators write them, become the millisecond options of `startHttpServer`, and each API
 * listens on its own address.
 */
import type { Logger } from '../logger.js';
import { listenAddressFor, type WharfConfig } from './config.js';
import type { HttpServerOptions } from './http-server.js';
import { tlsFilesOf } from './tls.js';

/** The options of the server of `apiName` (an API of `[DEFAULT] enabled_apis`). */
export function httpServerOptionsFor(
  config: WharfConfig,
  apiName: string,
  logger: Logger
): HttpServerOptions {
  const { host, port } = listenAddressFor(config, apiName);
  const wsgi = config.wsgi;
  const tls = tlsFilesOf(config);
  return {
    host,
    port,
    backlog: wsgi.backlog,
    maxHeaderSize: wsgi.max_header_size,
    keepAliveTimeoutMs: secondsToMs(wsgi.keep_alive_timeout),
    requestTimeoutMs: secondsToMs(wsgi.request_timeout),
    maxUrlLength: wsgi.max_url_length,
    maxConcurrentRequests: wsgi.max_concurrent_requests,
    maxQueueWaitMs: secondsToMs(wsgi.max_queue_wait),
    clientSocketTimeoutMs: secondsToMs(wsgi.client_socket_timeout),
    ...(tls === undefined ? {} : { tls }),
    logger: logger.child({ api: apiName }),
    warmUpPaths: wsgi.warm_up_paths
  };
}

/** `[wsgi] drain_timeout` in milliseconds, for `close` and the signal handlers. */
export function drainTimeoutMsOf(config: WharfConfig): number {
  return secondsToMs(config.wsgi.drain_timeout);
}

function secondsToMs(seconds: number): number {
  return Math.round(seconds * 1000);
}
