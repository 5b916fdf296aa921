/**
 * The chaos run's load: `connections` keep-alive connections, each sending one request
 * after another until told to stop, every outcome recorded (status and latency, or the
 * socket error). A request refused at connect (ECONNREFUSED: the server no longer listens)
 * ends that connection's loop: it never reached the server, so it is neither lost nor reset.
 * Nor is a reset of a connection never used before (`NOT_ACCEPTED`): the kernel completed
 * its handshake on a listening socket the stopping host closed without accepting it, which
 * is a refusal (see docs/reliability.md, "Stopping").
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';

/** The error of a request reset on a connection the server never accepted. */
export const NOT_ACCEPTED = 'not accepted';

/** What one request got. */
export interface Outcome {
  status?: number;
  /** Milliseconds from sending to the end of the response. */
  latencyMs: number;
  /** The socket error code (ECONNRESET, ECONNREFUSED, timeout...). */
  error?: string;
}

/** How to load. */
export interface LoadOptions {
  port: number;
  connections: number;
  /** The request each loop sends, again and again. */
  path: string;
  method?: string;
  headers?: Record<string, string>;
  /** A request unanswered this long counts as `timeout` (default 30 000 ms). */
  timeoutMs?: number;
}

/** A running load. */
export interface Load {
  /** Stops sending new requests; resolves with every outcome once the loops are done. */
  stop(): Promise<Outcome[]>;
  /** Resolves with every outcome once every loop ended by itself (server gone). */
  finished: Promise<Outcome[]>;
}

function once(agent: http.Agent, options: LoadOptions): Promise<Outcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    const done = (outcome: Omit<Outcome, 'latencyMs'>): void =>
      resolve({ ...outcome, latencyMs: performance.now() - started });
    const req = http.request(
      {
        host: '127.0.0.1',
        port: options.port,
        path: options.path,
        method: options.method ?? 'GET',
        headers: options.headers,
        agent,
        timeout: options.timeoutMs ?? 30_000
      },
      (res) => {
        res.resume();
        res.on('end', () => done({ status: res.statusCode! }));
        res.on('error', (error: NodeJS.ErrnoException) => done({ error: error.code ?? 'error' }));
      }
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'timeout' })));
    req.on('error', (error: NodeJS.ErrnoException) =>
      done({
        error:
          error.code === 'ECONNRESET' && !req.reusedSocket
            ? NOT_ACCEPTED
            : (error.code ?? error.message)
      })
    );
    req.end();
  });
}

/** Starts the loops at once. */
export function startLoad(options: LoadOptions): Load {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const outcomes: Outcome[] = [];
  let stopping = false;
  const loop = async (): Promise<void> => {
    while (!stopping) {
      const outcome = await once(agent, options);
      outcomes.push(outcome);
      if (outcome.error === 'ECONNREFUSED' || outcome.error === NOT_ACCEPTED) return;
    }
  };
  const loops = Promise.all(Array.from({ length: options.connections }, loop)).then(() => {
    agent.destroy();
    return outcomes;
  });
  return {
    finished: loops,
    stop: () => {
      stopping = true;
      return loops;
    }
  };
}

/** The `p`-th percentile (0-100) of `values`, or NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
