/**
 * The registry of benchmark servers and of the throughput ratios reported between them.
 *
 * A server is a script under `bench/servers/` (run from `dist/bench/servers/`) that serves
 * `GET /v2.1/widgets/{id}` with the body of `servers/widget-api.ts` and announces its port
 * with `servers/announce.ts`. Adding one is one `ServerSpec` entry below, and comparing it
 * is one `RatioSpec` line: every scenario (throughput and first request) picks it up.
 */
import { fileURLToPath } from 'node:url';

/** One server the harness can start. */
export interface ServerSpec {
  /** The scenario name in tables, ratios and results (unique). */
  name: string;
  /** The absolute path of the compiled script; see `benchServer`. */
  script: string;
  /** Arguments after the script (the many-routes servers take a route count). */
  args: string[];
  /** Environment variables added to the harness's own. */
  env: Record<string, string>;
}

/** A throughput ratio: requests/s of `numerator` over requests/s of `denominator`. */
export interface RatioSpec {
  numerator: string;
  denominator: string;
}

/** The compiled path of a server script, given its file name under `dist/bench/servers/`. */
export function benchServer(file: string): string {
  return fileURLToPath(new URL(`./servers/${file}`, import.meta.url));
}

/** The server every first-request figure is compared with. */
export const BASELINE_SERVER = 'node-http';

/** Every server, in the order of the report. */
export const SERVER_SPECS: ServerSpec[] = [
  { name: 'node-http', script: benchServer('node-http.js'), args: [], env: {} },
  { name: 'express-1-route', script: benchServer('express-one-route.js'), args: [], env: {} },
  {
    name: 'express-1000-routes',
    script: benchServer('express-routes.js'),
    args: ['1000'],
    env: {}
  },
  { name: 'nest-1000-routes', script: benchServer('nest-routes.js'), args: ['1000'], env: {} },
  {
    name: 'loopback-1000-routes',
    script: benchServer('loopback-routes.js'),
    args: ['1000'],
    env: {}
  }
];

/** The throughput ratios of the report; a ratio naming a server not run is skipped. */
export const THROUGHPUT_RATIOS: RatioSpec[] = [
  { numerator: 'express-1-route', denominator: 'node-http' },
  { numerator: 'express-1000-routes', denominator: 'express-1-route' },
  { numerator: 'nest-1000-routes', denominator: 'express-1000-routes' },
  { numerator: 'loopback-1000-routes', denominator: 'express-1000-routes' },
  { numerator: 'loopback-1000-routes', denominator: 'node-http' }
];

/** The display name of a ratio. */
export function ratioName(ratio: RatioSpec): string {
  return `${ratio.numerator} / ${ratio.denominator}`;
}
