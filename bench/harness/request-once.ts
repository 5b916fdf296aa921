/** One request over a fresh connection (no keep-alive agent), timed, with its whole body. */
import { request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { BENCH_HOST } from '../servers/announce.js';
import type { Answer, BenchRequest } from './bench-request.js';

/** The answer to one request. */
export interface OneResponse extends Answer {
  /** Milliseconds from `performance.now()` at `since` to the end of the body. */
  elapsedMs: number;
}

/** Sends `bench` to 127.0.0.1:`port`; `since` defaults to the moment of the call. */
export function requestOnce(
  port: number,
  bench: BenchRequest,
  since: number = performance.now(),
  timeoutMs = 30_000
): Promise<OneResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...bench.headers };
    if (bench.body !== undefined) headers['content-length'] = Buffer.byteLength(bench.body);
    const outgoing = request(
      {
        host: BENCH_HOST,
        port,
        path: bench.path,
        method: bench.method,
        headers,
        agent: false,
        timeout: timeoutMs
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body, elapsedMs: performance.now() - since })
        );
        response.on('error', reject);
      }
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    outgoing.on('error', reject);
    outgoing.end(bench.body);
  });
}
