/**
 * A bounded load client for the server tests: N keep-alive connections, each sending one
 * request after the other, counting what came back. Refused connections (the server stopped
 * listening) end a connection's loop: such a request was never accepted, so nothing was
 * lost. Every request has its own timeout, so the run always ends.
 */
import http from 'node:http';

/** What to load and for how long. */
export interface LoadOptions {
  port: number;
  /** Keep-alive connections, each sending requests one after the other. */
  connections: number;
  path?: string;
  headers?: http.OutgoingHttpHeaders;
  /** A request without an answer after this long counts as unanswered. Default 10 s. */
  requestTimeoutMs?: number;
  /** Requests sent in all before the loops stop on their own. Default 100 000. */
  maxRequests?: number;
}

/** What the load got back. */
export interface LoadResult {
  sent: number;
  /** Responses by status code. */
  statuses: Record<number, number>;
  /** Errors of requests on connections the server had accepted, by code (ECONNRESET...). */
  errors: Record<string, number>;
  /** Connections refused, or reset before they were accepted (the server stopped listening). */
  refused: number;
  /** Requests that got nothing within their timeout. */
  unanswered: number;
  /** Milliseconds each 2xx response took, in arrival order. */
  okLatenciesMs: number[];
}

/** A running load. */
export interface Load {
  /** What came back so far. */
  readonly result: LoadResult;
  /** Resolves once every connection's loop ended (refused, stopped or out of requests). */
  readonly finished: Promise<LoadResult>;
  /** Stops sending, waits for the requests in flight, and returns the result. */
  stop(): Promise<LoadResult>;
}

/** Starts `connections` loops against 127.0.0.1:`port`. */
export function startKeepAliveLoad(options: LoadOptions): Load {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const result: LoadResult = {
    sent: 0,
    statuses: {},
    errors: {},
    refused: 0,
    unanswered: 0,
    okLatenciesMs: []
  };
  const maxRequests = options.maxRequests ?? 100_000;
  let stopped = false;

  const send = (): Promise<'refused' | 'done'> =>
    new Promise((resolve) => {
      result.sent += 1;
      const start = performance.now();
      const req = http.request(
        { host: '127.0.0.1', port: options.port, path: options.path ?? '/', agent },
        (res) => {
          res.resume();
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            result.statuses[status] = (result.statuses[status] ?? 0) + 1;
            if (status < 300) result.okLatenciesMs.push(performance.now() - start);
            resolve('done');
          });
        }
      );
      for (const [name, value] of Object.entries(options.headers ?? {})) {
        if (value !== undefined) req.setHeader(name, value);
      }
      req.setTimeout(options.requestTimeoutMs ?? 10_000, () => {
        result.unanswered += 1;
        req.destroy(new Error('unanswered'));
      });
      req.on('error', (error: NodeJS.ErrnoException) => {
        // A reset of a connection never used before is one the server never accepted: its
        // handshake completed in the kernel's queue as the listening socket closed.
        const neverAccepted = error.code === 'ECONNRESET' && !req.reusedSocket;
        if (error.code === 'ECONNREFUSED' || neverAccepted) {
          result.refused += 1;
          return resolve('refused');
        }
        if (error.message !== 'unanswered') {
          const code = error.code ?? error.message;
          result.errors[code] = (result.errors[code] ?? 0) + 1;
        }
        resolve('done');
      });
      req.end();
    });

  const loop = async (): Promise<void> => {
    while (!stopped && result.sent < maxRequests) {
      if ((await send()) === 'refused') return;
    }
  };
  const finished = Promise.all(Array.from({ length: options.connections }, loop)).then(() => {
    agent.destroy();
    return result;
  });
  return {
    result,
    finished,
    stop() {
      stopped = true;
      return finished;
    }
  };
}

/** The `fraction` percentile (0.99 for p99) of `values`, in their unit; 0 when empty. */
export function percentile(values: readonly number[], fraction: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}
