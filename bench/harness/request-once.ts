/** One GET over a fresh connection (no keep-alive agent), timed, with its whole body. */
import { request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { BENCH_HOST } from '../servers/announce.js';

/** The answer to one request. */
export interface OneResponse {
  status: number;
  body: string;
  /** Milliseconds from `performance.now()` at `since` to the end of the body. */
  elapsedMs: number;
}

/** GETs `path` from 127.0.0.1:`port`; `since` defaults to the moment of the call. */
export function requestOnce(
  port: number,
  path: string,
  since: number = performance.now(),
  timeoutMs = 30_000
): Promise<OneResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: BENCH_HOST, port, path, method: 'GET', agent: false, timeout: timeoutMs },
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
    outgoing.end();
  });
}

/** Throws unless the answer is 200 with a JSON body deep-equal to `expected`. */
export function assertJsonAnswer(name: string, answer: OneResponse, expected: unknown): void {
  const same = answer.status === 200 && safeParse(answer.body) === JSON.stringify(expected);
  if (!same) {
    throw new Error(
      `${name} answered ${answer.status} ${answer.body.slice(0, 200)}; expected 200 ${JSON.stringify(expected)}`
    );
  }
}

function safeParse(text: string): string | undefined {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return undefined;
  }
}
