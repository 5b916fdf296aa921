/**
 * The registry of benchmark servers, of the throughput ratios reported between them, and of
 * the targets a run checks.
 *
 * A server is a script under `bench/servers/` (run from `dist/bench/servers/`) that serves
 * the request of its spec (by default `GET /v2.1/widgets/{id}` with the body of
 * `servers/widget-api.ts`) and announces its port with `servers/announce.ts`. Adding one is
 * one `ServerSpec` entry below, and comparing it is one `RatioSpec` line: every scenario
 * (throughput and first request) picks it up.
 */
import { fileURLToPath } from 'node:url';
import { WORKER_NODE_OPTIONS } from '../core/server/worker-heap.js';
import { WIDGET_REQUEST, type BenchRequest } from './harness/bench-request.js';
import {
  collectionRequest,
  FIRST_REQUEST_COLLECTIONS,
  FLAVOR_SHOW_REQUEST,
  POKE_REQUEST,
  SERVER_CREATE_REQUEST,
  SERVER_SHOW_REQUEST,
  serversDetailRequest,
  WHARF_WIDGET_REQUEST
} from './wharf/wharf-requests.js';

/** One server the harness can start. */
export interface ServerSpec {
  /** The scenario name in tables, ratios and results (unique). */
  name: string;
  /** The absolute path of the compiled script; see `benchServer`. */
  script: string;
  /** Arguments after the script (the many-routes servers take a route count). */
  args: string[];
  /**
   * Node options before the script: a wharf server that stands for a worker of `wharf serve`
   * gets the options `wharf serve` gives its workers (`WORKER_NODE_OPTIONS`).
   */
  nodeArgs?: readonly string[];
  /** Environment variables added to the harness's own. */
  env: Record<string, string>;
  /** What every check and load run sends; default `WIDGET_REQUEST`. */
  request?: BenchRequest;
  /** Takes part in the first-request scenario; default true. */
  firstRequest?: boolean;
  /** Takes part in the throughput scenario; default true. */
  throughput?: boolean;
  /** Connections of its load runs; default the profile's (50). */
  connections?: number;
  /** Needs the synthetic API extensions of this many routes (see wharf/fixtures.ts). */
  fixtureRoutes?: number;
  /** Starts from the load plan of the host over this many synthetic routes, written first. */
  loadPlanRoutes?: number;
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

/** The wharf server over `routes` synthetic routes, full default pipeline. */
function wharfRoutes(routes: number, request = WHARF_WIDGET_REQUEST): ServerSpec {
  return {
    name: `wharf-${routes}-routes`,
    script: benchServer('wharf-routes.js'),
    args: [String(routes)],
    nodeArgs: WORKER_NODE_OPTIONS,
    env: {},
    request,
    fixtureRoutes: routes
  };
}

/** The servers, each at the profile's connections. */
const BASE_SPECS: ServerSpec[] = [
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
  },
  {
    name: 'fastify-bare-1000-routes',
    script: benchServer('fastify-bare.js'),
    args: ['1000'],
    env: {}
  },
  // Fastify doing the per-request work of wharf's default pipeline: the anchor.
  {
    name: 'fastify-1000-routes',
    script: benchServer('fastify-routes.js'),
    args: ['1000'],
    env: {},
    request: WHARF_WIDGET_REQUEST
  },
  {
    name: 'fastify-1000-action',
    script: benchServer('fastify-routes.js'),
    args: ['1000'],
    env: {},
    request: POKE_REQUEST,
    firstRequest: false
  },
  wharfRoutes(10),
  wharfRoutes(100),
  wharfRoutes(1000),
  // What importing wharf and the 1000 extension modules alone costs: wharf's start-up floor.
  {
    ...wharfRoutes(1000),
    name: 'import-floor-1000',
    script: benchServer('import-floor.js'),
    // Node importing the same files, as any script would: wharf's choices are not the floor's.
    nodeArgs: [],
    throughput: false
  },
  // The same host started from a load plan (one bundled module of the 1000 extensions).
  {
    ...wharfRoutes(1000),
    name: 'wharf-1000-routes-plan',
    script: benchServer('wharf-routes-plan.js'),
    loadPlanRoutes: 1000,
    throughput: false
  },
  // The same host with the log at `warn`: no request log line, so the line's share shows.
  {
    ...wharfRoutes(1000),
    name: 'wharf-1000-routes-log-warn',
    args: ['1000', 'warn'],
    firstRequest: false
  },
  // The same host as wharf-1000-routes, another process: POST .../action instead of show.
  { ...wharfRoutes(1000, POKE_REQUEST), name: 'wharf-1000-action', firstRequest: false },
  {
    name: 'wharf-servers-detail',
    script: benchServer('wharf-compute.js'),
    nodeArgs: WORKER_NODE_OPTIONS,
    args: ['100'],
    env: {},
    request: serversDetailRequest(100),
    firstRequest: false
  },
  {
    name: 'wharf-server-show',
    script: benchServer('wharf-compute.js'),
    nodeArgs: WORKER_NODE_OPTIONS,
    args: ['100'],
    env: {},
    request: SERVER_SHOW_REQUEST,
    firstRequest: false
  },
  {
    name: 'wharf-servers-create',
    script: benchServer('wharf-compute.js'),
    nodeArgs: WORKER_NODE_OPTIONS,
    args: ['0'],
    env: {},
    request: SERVER_CREATE_REQUEST,
    firstRequest: false
  },
  // Many cores: the same listing served by two worker processes (wharf serve --workers 2).
  {
    name: 'wharf-servers-detail-2-workers',
    script: benchServer('wharf-compute-workers.js'),
    args: ['2', '100'],
    env: {},
    request: serversDetailRequest(100),
    firstRequest: false
  },
  // The machine's own ceiling for two workers: the hand-written floor of the same listing,
  // each worker with its own SQLite file.
  {
    name: 'express-sqlite-servers-detail-2-workers',
    script: benchServer('floor-workers.js'),
    args: ['2', 'express-sqlite-servers.js', '100'],
    env: {},
    request: serversDetailRequest(100),
    firstRequest: false
  },
  // The real paths against hand-written floors answering the same documents.
  {
    name: 'express-sqlite-servers-detail',
    script: benchServer('express-sqlite-servers.js'),
    args: ['100'],
    env: {},
    request: serversDetailRequest(100),
    firstRequest: false
  },
  {
    name: 'express-sqlite-server-show',
    script: benchServer('express-sqlite-servers.js'),
    args: ['100'],
    env: {},
    request: SERVER_SHOW_REQUEST,
    firstRequest: false
  },
  {
    name: 'express-sqlite-flavors',
    script: benchServer('express-sqlite-flavors.js'),
    args: [],
    env: {},
    request: FLAVOR_SHOW_REQUEST,
    firstRequest: false
  },
  {
    name: 'wharf-flavor-show',
    script: benchServer('wharf-compute.js'),
    nodeArgs: WORKER_NODE_OPTIONS,
    args: ['0'],
    env: {},
    request: FLAVOR_SHOW_REQUEST,
    firstRequest: false
  },
  // The first request to each bundled collection from a fresh compute host: storage,
  // statements, schemas and routes must all be ready before the port opens.
  ...FIRST_REQUEST_COLLECTIONS.map(({ name, path, key }): ServerSpec => ({
    name: `wharf-first-${name}`,
    script: benchServer('wharf-compute.js'),
    nodeArgs: WORKER_NODE_OPTIONS,
    args: ['0'],
    env: {},
    request: collectionRequest(path, key),
    throughput: false
  }))
];

/** The servers run again at 500 connections: latency of the real paths under a deep queue. */
const DEEP_QUEUE = [
  'wharf-servers-detail',
  'wharf-servers-detail-2-workers',
  'wharf-server-show',
  'wharf-flavor-show'
];

/** Every server, in the order of the report. */
export const SERVER_SPECS: ServerSpec[] = [
  ...BASE_SPECS,
  ...DEEP_QUEUE.map((name): ServerSpec => {
    const base = BASE_SPECS.find((candidate) => candidate.name === name)!;
    return { ...base, name: `${name}-500c`, connections: 500 };
  })
];

/** The throughput ratios of the report; a ratio naming a server not run is skipped. */
export const THROUGHPUT_RATIOS: RatioSpec[] = [
  { numerator: 'express-1-route', denominator: 'node-http' },
  { numerator: 'express-1000-routes', denominator: 'express-1-route' },
  { numerator: 'nest-1000-routes', denominator: 'express-1000-routes' },
  { numerator: 'loopback-1000-routes', denominator: 'express-1000-routes' },
  { numerator: 'loopback-1000-routes', denominator: 'node-http' },
  { numerator: 'wharf-100-routes', denominator: 'wharf-10-routes' },
  { numerator: 'wharf-1000-routes', denominator: 'wharf-10-routes' },
  { numerator: 'wharf-10-routes', denominator: 'express-1-route' },
  { numerator: 'wharf-1000-routes', denominator: 'express-1-route' },
  { numerator: 'wharf-1000-routes', denominator: 'express-1000-routes' },
  { numerator: 'wharf-1000-routes', denominator: 'nest-1000-routes' },
  { numerator: 'wharf-1000-routes', denominator: 'loopback-1000-routes' },
  { numerator: 'wharf-1000-action', denominator: 'wharf-1000-routes' },
  { numerator: 'wharf-1000-routes', denominator: 'wharf-1000-routes-log-warn' },
  { numerator: 'fastify-bare-1000-routes', denominator: 'express-1-route' },
  { numerator: 'fastify-1000-routes', denominator: 'fastify-bare-1000-routes' },
  { numerator: 'wharf-1000-routes', denominator: 'fastify-1000-routes' },
  { numerator: 'wharf-1000-action', denominator: 'fastify-1000-action' },
  { numerator: 'wharf-10-routes', denominator: 'node-http' },
  { numerator: 'wharf-flavor-show', denominator: 'express-sqlite-flavors' },
  { numerator: 'wharf-servers-detail', denominator: 'express-sqlite-servers-detail' },
  { numerator: 'wharf-server-show', denominator: 'express-sqlite-server-show' },
  { numerator: 'wharf-servers-detail-2-workers', denominator: 'wharf-servers-detail' },
  {
    numerator: 'express-sqlite-servers-detail-2-workers',
    denominator: 'express-sqlite-servers-detail'
  },
  { numerator: 'wharf-servers-detail-2-workers-500c', denominator: 'wharf-servers-detail-500c' }
];

/** The display name of a ratio. */
export function ratioName(ratio: RatioSpec): string {
  return `${ratio.numerator} / ${ratio.denominator}`;
}

/** The request a server's scenarios send. */
export function requestOf(spec: ServerSpec): BenchRequest {
  return spec.request ?? WIDGET_REQUEST;
}
