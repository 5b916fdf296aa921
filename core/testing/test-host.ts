/**
 * `createTestHost`: a whole wharf host in the test's own process (default pipeline, bundled
 * extensions, the author's drop-ins or extension classes, a fresh SQLite database) on a
 * loopback port, and a request client for it.
 */
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../logger.js';
import { loadHostConfig } from '../server/host-config.js';
import { messageClassesFor } from '../server/request-prototypes.js';
import { assembleHost, type Host } from '../server/host.js';
import { classEntryPoints, type ExtensionClass } from './class-entry-points.js';

/** What a test host is made of. */
export interface TestHostOptions {
  /** Drop-in folders: each holds extension packages or is one (the author's own package). */
  dropin?: string | readonly string[];
  /** API extension classes to load beside the bundled ones, without a package or folder. */
  extensions?: readonly ExtensionClass[];
  /** `section.option` settings, as `--set` would give them (e.g. `extensions.disabled`). */
  config?: Readonly<Record<string, string>>;
  /** The API to serve, one of `[DEFAULT] enabled_apis`; default `osapi_compute`. */
  api?: string;
  /** Replaces the logger built from the configuration. */
  logger?: Logger;
}

/** Options of one request. */
export interface TestRequestOptions {
  /** Sent as JSON. */
  body?: unknown;
  /** A body sent exactly as written (not JSON-encoded); `body` wins when both are given. */
  raw?: string;
  /** X-Auth-Token; default `user1:project1` (noauth2's user:project), `null` for none. */
  token?: string | null;
  /** Further request headers. */
  headers?: Readonly<Record<string, string>>;
}

/** A response, its body parsed when it is JSON (else `null`). */
export interface TestResponse {
  /** The HTTP status. */
  status: number;
  /** The response headers. */
  headers: Headers;
  /** The body parsed as JSON, or null when it is not JSON. */
  body: any;
  /** The body as text. */
  text: string;
}

/** A running test host. */
export interface TestHost {
  /** The assembled host (router, container, catalog, configuration). */
  host: Host;
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** Sends a request to the host. */
  request(method: string, path: string, options?: TestRequestOptions): Promise<TestResponse>;
  /** Stops listening and closes the host. */
  close(): Promise<void>;
}

/** Assembles a host from `options` and serves its API on a free loopback port. */
export async function createTestHost(options: TestHostOptions = {}): Promise<TestHost> {
  const dir = mkdtempSync(join(tmpdir(), 'wharf-test-host-'));
  const dropins =
    typeof options.dropin === 'string' ? [options.dropin] : [...(options.dropin ?? [])];
  const config = await loadHostConfig({
    env: {},
    dropins,
    overrides: { 'database.connection': `sqlite:${join(dir, 'wharf.sqlite')}`, ...options.config }
  });
  const host = await assembleHost({
    config,
    dropins,
    entryPoints: classEntryPoints(options.extensions ?? []),
    ...(options.logger ? { logger: options.logger } : {})
  });
  const api = options.api ?? 'osapi_compute';
  const app = host.apps.get(api);
  if (!app) {
    await host.close();
    throw new Error(`createTestHost: no API "${api}" in [DEFAULT] enabled_apis`);
  }
  // Requests and responses born with the app's prototypes, as `wharf serve` makes them
  // (see request-prototypes.ts).
  const server: Server = createServer({ ...messageClassesFor(app) }, app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    host,
    url,
    request: (method, path, requestOptions = {}) => send(url, method, path, requestOptions),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await host.close();
    }
  };
}

async function send(
  url: string,
  method: string,
  path: string,
  options: TestRequestOptions
): Promise<TestResponse> {
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
