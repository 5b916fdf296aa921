/**
 * Setup helpers shared by the server tests: servers on 127.0.0.1 port 0 with test-sized
 * limits, handlers whose requests wait until the test releases them, a raw node:http
 * client that reports connection errors instead of throwing, and the fixture serving
 * process of the acceptance tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter, once } from 'node:events';
import http, { type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createLogger, type Logger } from '../../../core/logger.js';
import {
  startHttpServer,
  type HttpServerOptions,
  type RunningServer
} from '../../../core/server/http-server.js';

/** A logger that writes nothing. */
export const quietLogger: Logger = createLogger({ silent: true });

/** The options every test server starts from. */
export const TEST_SERVER_OPTIONS: HttpServerOptions = {
  host: '127.0.0.1',
  port: 0,
  backlog: 511,
  maxHeaderSize: 16384,
  keepAliveTimeoutMs: 5000,
  requestTimeoutMs: 10_000,
  maxUrlLength: 8192,
  maxConcurrentRequests: 1000,
  logger: quietLogger
};

/** Starts a server on 127.0.0.1, port 0, with the test options and `overrides`. */
export function givenServer(
  handler: RequestListener,
  overrides: Partial<HttpServerOptions> = {}
): Promise<RunningServer> {
  return startHttpServer(handler, { ...TEST_SERVER_OPTIONS, ...overrides });
}

/** Answers 200 `{"ok": true, "pid": ...}`. */
export function answerOk(res: ServerResponse): void {
  const body = JSON.stringify({ ok: true, pid: process.pid });
  res.writeHead(200, { 'Content-Type': 'application/json' }).end(body);
}

/** Answers every request at once with `answerOk`. */
export const okHandler: RequestListener = (_req, res) => answerOk(res);

/** A handler whose requests wait until the test releases them. */
export interface HeldHandler {
  handler: RequestListener;
  /** Requests the handler received so far. */
  readonly received: number;
  /** Resolves once the handler has received `count` requests in all. */
  receivedAtLeast(count: number): Promise<void>;
  /** Answers 200 to every request waiting now. */
  releaseAll(): void;
}

/** Builds a handler that holds every request until `releaseAll()`. */
export function givenHeldHandler(): HeldHandler {
  const waiting: ServerResponse[] = [];
  const arrivals = new EventEmitter();
  let received = 0;
  return {
    handler: (_req: IncomingMessage, res: ServerResponse) => {
      received += 1;
      waiting.push(res);
      arrivals.emit('arrival');
    },
    get received() {
      return received;
    },
    async receivedAtLeast(count: number) {
      while (received < count) await once(arrivals, 'arrival');
    },
    releaseAll() {
      for (const res of waiting.splice(0)) answerOk(res);
    }
  };
}

/** What a request got: a response, or the code of the connection error. */
export interface Outcome {
  status?: number;
  headers?: http.IncomingHttpHeaders;
  body?: string;
  error?: string;
}

/** Sends a request and never rejects; without an agent each request has its own connection. */
export function request(
  port: number,
  path = '/',
  options: { agent?: http.Agent; method?: string } = {}
): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        agent: options.agent ?? false
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
        res.on('error', (error: NodeJS.ErrnoException) =>
          resolve({ error: error.code ?? error.message })
        );
      }
    );
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ error: error.code ?? error.message })
    );
    req.end();
  });
}

/** Resolves once `check` holds (polled), or fails after `timeoutMs`. */
export async function eventually(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await delay(5);
  }
}

/** The fixture serving process (tests/fixtures/server/serve.ts), compiled. */
export const SERVE_FIXTURE = fileURLToPath(
  new URL('../../fixtures/server/serve.js', import.meta.url)
);

/** What a serving process prints once one of its processes listens. */
export interface Listening {
  pid: number;
  ports: number[];
}

/** A running fixture process. */
export interface ServeProcess {
  child: ChildProcess;
  /** The next `Listening` line not yet taken (waits for it, at most 10 s). */
  nextListening(): Promise<Listening>;
  /** Resolves once stderr (the JSON log) matches `pattern` (at most 10 s). */
  logged(pattern: RegExp): Promise<void>;
  /** How the process exited: its code, or the signal that killed it. */
  exited: Promise<number | NodeJS.Signals>;
}

/** Spawns the fixture with `env` (WHARF_TEST_*); kill it in `after` if the test failed. */
export function givenServeProcess(env: Record<string, string>): ServeProcess {
  const child = spawn(process.execPath, [SERVE_FIXTURE], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  const lines: Listening[] = [];
  let stderr = '';
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(JSON.parse(line) as Listening);
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<number | NodeJS.Signals>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal!))
  );
  const waitFor = async (ready: () => boolean, what: string): Promise<void> => {
    const deadline = Date.now() + 10_000;
    while (!ready()) {
      if (child.exitCode !== null) throw new Error(`fixture exited before ${what}:\n${stderr}`);
      if (Date.now() > deadline) throw new Error(`no ${what} within 10 s:\n${stderr}`);
      await delay(20);
    }
  };
  let taken = 0;
  return {
    child,
    exited,
    async nextListening() {
      await waitFor(() => lines.length > taken, 'listening line');
      return lines[taken++]!;
    },
    async logged(pattern: RegExp) {
      await waitFor(() => pattern.test(stderr), `log line matching ${pattern}`);
    }
  };
}

/** Resolves after `ms`. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** True while a process with `pid` exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
