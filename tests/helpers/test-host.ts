/** A whole wharf host (default pipeline, bundled extensions, fresh SQLite) on a loopback port. */
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadHostConfig } from '../../core/index.js';
import { assembleHost, type Host } from '../../core/server/host.js';
import { givenCapturedLogger, type CapturedLogger } from './capture-logger.js';

/** A running test host. */
export interface TestHost {
  host: Host;
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** The captured log lines. */
  lines: CapturedLogger['lines'];
  /** Sends a request; `token` becomes X-Auth-Token (default `user1:project1`, null for none). */
  call(method: string, path: string, options?: CallOptions): Promise<Reply>;
  close(): Promise<void>;
}

/** Options of one request. */
export interface CallOptions {
  body?: unknown;
  /** A body sent exactly as written (not JSON-encoded); `body` wins when both are given. */
  raw?: string;
  token?: string | null;
  headers?: Record<string, string>;
}

/** A response, its body parsed when it is JSON. */
export interface Reply {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

/**
 * Starts a host on a fresh database; `overrides` are `section.option` settings; `port` 0
 * (the default) picks a free one.
 */
export async function givenTestHost(
  overrides: Record<string, string> = {},
  port = 0
): Promise<TestHost> {
  const dir = mkdtempSync(join(tmpdir(), 'wharf-host-'));
  const config = await loadHostConfig({
    env: {},
    overrides: { 'database.connection': `sqlite:${join(dir, 'wharf.sqlite')}`, ...overrides }
  });
  const { logger, lines } = givenCapturedLogger();
  const host = await assembleHost({ config, logger });
  const server: Server = createServer(host.apps.get('osapi_compute')!);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    host,
    url,
    lines,
    call: (method, path, options = {}) => call(url, method, path, options),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await host.close();
    }
  };
}

async function call(
  url: string,
  method: string,
  path: string,
  options: CallOptions
): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  const token = options.token === undefined ? 'user1:project1' : options.token;
  if (token !== null) headers['x-auth-token'] = token;
  let body: string | undefined = options.raw;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${url}${path}`, {
    method,
    headers,
    redirect: 'manual',
    ...(body !== undefined ? { body } : {})
  });
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  return { status: response.status, headers: response.headers, text, body: parsed };
}
