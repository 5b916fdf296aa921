/**
 * The targets a run checks, declared once, and their evaluation from the results of the
 * sections. A target whose servers were not run (`--servers`, `--only`) is left out.
 *
 * - `throughput`: the median per-round ratio of requests/s, numerator over denominator
 *   (the CPU-cost ratio of the same rounds is reported beside it);
 * - `first-request`: the median per-round ratio of first-request times (fresh process,
 *   fresh connection), numerator over denominator;
 * - `startup-ms`: the median time from spawning the server to its announcement;
 * - `startup-floor`: the median per-round ratio of start-up times (spawn to announcement),
 *   numerator over denominator (wharf over the import floor of the same files);
 * - `startup-ratio`: the median per-round ratio of the time `assembleHost` took (discovery,
 *   import and instantiation of the extensions, routes, pipeline: what grows with the
 *   number of extensions), numerator over denominator;
 * - `cpu-us`: the median CPU time one server spent per request under load, in microseconds
 *   (user + system of the server process over the requests it completed);
 * - `cpu-share`: the share of the numerator's CPU per request that the denominator does not
 *   spend, `1 - CPU(denominator) / CPU(numerator)` per round, then the median (the same
 *   server without one piece of work, so the share that piece costs).
 */
import type { FirstRequestResult, FirstRequestSample } from './harness/first-request.js';
import { median, medianRatio } from './harness/stats.js';
import { FIRST_REQUEST_COLLECTIONS } from './wharf/wharf-requests.js';
import type { ThroughputResult } from './harness/throughput.js';

/** How a target compares its value with its limit. */
export type Comparison = '<' | '<=' | '>=';

/** One declared target. */
export interface TargetSpec {
  name: string;
  kind:
    | 'throughput'
    | 'first-request'
    | 'startup-ms'
    | 'startup-floor'
    | 'startup-ratio'
    | 'cpu-us'
    | 'cpu-share';
  numerator: string;
  /** Every kind but `startup-ms` and `cpu-us` compares two servers. */
  denominator?: string;
  comparison: Comparison;
  limit: number;
}

/** A target and whether the run met it. */
export interface TargetResult {
  name: string;
  value: number;
  comparison: Comparison;
  limit: number;
  pass: boolean;
  /** For throughput targets: the same ratio from CPU per request (second over first). */
  cpuValue?: number | null;
}

/** The targets of the wharf scenarios (the load-extensions ones live in load-extensions.ts). */
export const TARGET_SPECS: TargetSpec[] = [
  {
    name: 'wharf 1000 routes vs wharf 10 routes (req/s)',
    kind: 'throughput',
    numerator: 'wharf-1000-routes',
    denominator: 'wharf-10-routes',
    comparison: '>=',
    limit: 0.95
  },
  {
    name: 'wharf full pipeline vs bare Express, one route (req/s)',
    kind: 'throughput',
    numerator: 'wharf-10-routes',
    denominator: 'express-1-route',
    comparison: '>=',
    limit: 0.75
  },
  {
    name: 'wharf 1000 routes vs Express 1000 flat routes (req/s)',
    kind: 'throughput',
    numerator: 'wharf-1000-routes',
    denominator: 'express-1000-routes',
    comparison: '>=',
    limit: 2.5
  },
  {
    name: 'wharf 1000 routes vs NestJS 1000 routes (req/s)',
    kind: 'throughput',
    numerator: 'wharf-1000-routes',
    denominator: 'nest-1000-routes',
    comparison: '>=',
    limit: 2
  },
  {
    name: 'wharf 1000 routes vs LoopBack 4 1000 routes (req/s)',
    kind: 'throughput',
    numerator: 'wharf-1000-routes',
    denominator: 'loopback-1000-routes',
    comparison: '>=',
    limit: 2
  },
  {
    name: 'wharf action dispatch vs show, 1000 routes (req/s)',
    kind: 'throughput',
    numerator: 'wharf-1000-action',
    denominator: 'wharf-1000-routes',
    comparison: '>=',
    limit: 0.85
  },
  {
    name: 'wharf 1000 routes vs the equivalent Fastify, show (req/s)',
    kind: 'throughput',
    numerator: 'wharf-1000-routes',
    denominator: 'fastify-1000-routes',
    comparison: '>=',
    limit: 0.75
  },
  {
    name: 'wharf 1000 routes vs the equivalent Fastify, action with a body schema (req/s)',
    kind: 'throughput',
    numerator: 'wharf-1000-action',
    denominator: 'fastify-1000-action',
    comparison: '>=',
    limit: 0.75
  },
  {
    name: 'wharf GET /flavors/{id} (full pipeline) vs Express + better-sqlite3 floor (req/s)',
    kind: 'throughput',
    numerator: 'wharf-flavor-show',
    denominator: 'express-sqlite-flavors',
    comparison: '>=',
    limit: 0.5
  },
  {
    name: 'wharf GET /servers/detail, 100 servers (full pipeline) vs Express + better-sqlite3 floor (req/s)',
    kind: 'throughput',
    numerator: 'wharf-servers-detail',
    denominator: 'express-sqlite-servers-detail',
    comparison: '>=',
    limit: 0.5
  },
  {
    name: 'wharf GET /servers/{id} (full pipeline) vs Express + better-sqlite3 floor (req/s)',
    kind: 'throughput',
    numerator: 'wharf-server-show',
    denominator: 'express-sqlite-server-show',
    comparison: '>=',
    limit: 0.5
  },
  {
    name: 'wharf POST /servers, CPU per create (us)',
    kind: 'cpu-us',
    numerator: 'wharf-servers-create',
    comparison: '<=',
    limit: 500
  },
  {
    name: "wharf request log at info, share of a request's CPU (1 - CPU at warn / CPU at info)",
    kind: 'cpu-share',
    numerator: 'wharf-1000-routes',
    denominator: 'wharf-1000-routes-log-warn',
    comparison: '<=',
    limit: 0.15
  },
  {
    name: 'wharf --workers 2 vs one worker, GET /servers/detail of 100 servers (req/s)',
    kind: 'throughput',
    numerator: 'wharf-servers-detail-2-workers',
    denominator: 'wharf-servers-detail',
    comparison: '>=',
    limit: 1.6
  },
  {
    name: 'wharf first request vs bare node:http first request',
    kind: 'first-request',
    numerator: 'wharf-1000-routes',
    denominator: 'node-http',
    comparison: '<=',
    limit: 2
  },
  ...FIRST_REQUEST_COLLECTIONS.map(({ name, path }): TargetSpec => ({
    name: `wharf first GET /v2.1/${path} (bundled compute) vs node:http first request`,
    kind: 'first-request',
    numerator: `wharf-first-${name}`,
    denominator: 'node-http',
    comparison: '<=',
    limit: 2
  })),
  {
    name: 'wharf start-up to listening, 1000 extensions (ms)',
    kind: 'startup-ms',
    numerator: 'wharf-1000-routes',
    comparison: '<=',
    limit: 1000
  },
  {
    name: 'wharf start-up 1000 extensions / import floor of the same files',
    kind: 'startup-floor',
    numerator: 'wharf-1000-routes',
    denominator: 'import-floor-1000',
    comparison: '<=',
    limit: 1.25
  },
  {
    name: 'wharf start-up to listening from a load plan, 1000 extensions (ms)',
    kind: 'startup-ms',
    numerator: 'wharf-1000-routes-plan',
    comparison: '<=',
    limit: 500
  },
  {
    name: 'wharf start-up from a load plan, 1000 extensions / import floor of the same files',
    kind: 'startup-floor',
    numerator: 'wharf-1000-routes-plan',
    denominator: 'import-floor-1000',
    comparison: '<=',
    limit: 1
  },
  {
    name: 'wharf start-up 1000 / 100 extensions (assembleHost)',
    kind: 'startup-ratio',
    numerator: 'wharf-1000-routes',
    denominator: 'wharf-100-routes',
    comparison: '<=',
    limit: 12
  }
];

/** What the targets are evaluated from. */
export interface TargetInputs {
  throughput?: ThroughputResult;
  firstRequest?: FirstRequestResult;
}

/** Evaluates every target whose inputs the run has. */
export function evaluateTargets(
  inputs: TargetInputs,
  specs: readonly TargetSpec[] = TARGET_SPECS
): TargetResult[] {
  return specs.flatMap((spec) => {
    const measured = measure(spec, inputs);
    return measured === null ? [] : [targetResult(spec.name, measured, spec)];
  });
}

/** A result from a value and its limit. */
export function targetResult(
  name: string,
  measured: { value: number; cpuValue?: number | null },
  limits: { comparison: Comparison; limit: number }
): TargetResult {
  const { value } = measured;
  const { comparison, limit } = limits;
  const pass =
    comparison === '<' ? value < limit : comparison === '<=' ? value <= limit : value >= limit;
  return { name, ...measured, comparison, limit, pass };
}

function measure(
  spec: TargetSpec,
  { throughput, firstRequest }: TargetInputs
): { value: number; cpuValue?: number | null } | null {
  if (spec.kind === 'throughput') {
    const ratio = throughput?.ratios.find(
      (candidate) =>
        candidate.numerator === spec.numerator && candidate.denominator === spec.denominator
    );
    return ratio ? { value: ratio.median, cpuValue: ratio.cpuMedian } : null;
  }
  if (spec.kind === 'cpu-us') {
    const server = throughput?.servers.find((candidate) => candidate.name === spec.numerator);
    const cpu = server?.medianCpuUsPerRequest;
    return cpu === undefined || cpu === null ? null : { value: cpu };
  }
  if (spec.kind === 'cpu-share') return cpuShare(spec, throughput);
  const top = firstRequest?.servers.find((server) => server.name === spec.numerator);
  if (!top) return null;
  if (spec.kind === 'startup-ms') return { value: top.medianStartupMs };
  const bottom = firstRequest?.servers.find((server) => server.name === spec.denominator);
  if (!bottom) return null;
  const pick = (sample: FirstRequestSample): number | undefined =>
    spec.kind === 'first-request'
      ? sample.firstMs
      : spec.kind === 'startup-floor'
        ? sample.startupMs
        : sample.phases.assembleMs;
  const numerators = top.samples.map(pick);
  const denominators = bottom.samples.map(pick);
  if ([...numerators, ...denominators].includes(undefined)) return null;
  return { value: medianRatio(numerators as number[], denominators as number[]) };
}

/**
 * `1 - CPU(denominator) / CPU(numerator)` per round, then the median; null when either server
 * was not run or a round's CPU is unknown.
 */
function cpuShare(
  spec: TargetSpec,
  throughput: ThroughputResult | undefined
): { value: number } | null {
  const costs = (name: string | undefined): (number | null)[] | undefined =>
    throughput?.servers
      .find((server) => server.name === name)
      ?.samples.map((sample) => sample.cpuUsPerRequest);
  const whole = costs(spec.numerator);
  const without = costs(spec.denominator);
  if (whole === undefined || without === undefined || whole.length !== without.length) return null;
  if ([...whole, ...without].includes(null)) return null;
  return { value: median(whole.map((cost, round) => 1 - without[round]! / cost!)) };
}
