/**
 * The throughput scenario: every server runs in its own child process at once (idle ones
 * cost nothing), each is checked and warmed up (for a time and a count of requests: see
 * `warmUp`), then each round drives every server in turn, the order rotating from round to
 * round so none always follows another. Requests/s are reported as medians; ratios are taken
 * within each round, then their median.
 *
 * Each run also reads the CPU time the server process used (from `/proc`), so each server
 * gets a CPU cost per request. On a machine shared with other work, requests/s depend on
 * the CPU share the server happened to get; CPU per request hardly does, so every ratio
 * is given both ways: requests/s of the first over the second, and CPU per request of the
 * second over the first (the throughput ratio the CPU costs alone predict).
 */
import { ratioName, requestOf, type RatioSpec, type ServerSpec } from '../scenarios.js';
import { assertAnswer, type BenchRequest } from './bench-request.js';
import { runLoad, type LoadSample, type LoadShape } from './load-run.js';
import type { Profile } from './options.js';
import { requestOnce } from './request-once.js';
import { startServer, type RunningServer } from './server-process.js';
import { median, medianRatio, rotate, spread } from './stats.js';

/** One load run, with the CPU time the server used during it. */
export interface ThroughputSample extends LoadSample {
  /** CPU time (user + system) of the server process during the run; null when unknown. */
  serverCpuMs: number | null;
  /** `serverCpuMs` per completed request, in microseconds; null when unknown. */
  cpuUsPerRequest: number | null;
  /**
   * `serverCpuMs` over the run's duration: how many cores the server kept busy. One Node
   * process can exceed 1 (its garbage collector and libuv threads run beside the main one).
   */
  serverCores: number | null;
  /**
   * CPU microseconds the load generator (this harness process) spent per answer: on a machine
   * with few cores, what it takes is not available to the server.
   */
  loadGeneratorUsPerRequest: number;
}

/** One server's throughput over the rounds. */
export interface ServerThroughput {
  name: string;
  samples: ThroughputSample[];
  medianRequestsPerSecond: number;
  minRequestsPerSecond: number;
  maxRequestsPerSecond: number;
  medianLatencyP50Ms: number;
  medianLatencyP99Ms: number;
  /** Median CPU microseconds per request; null when unknown. */
  medianCpuUsPerRequest: number | null;
  /** Median cores the server kept busy; null when unknown. */
  medianServerCores: number | null;
  /** Median load generator CPU microseconds per answer. */
  medianLoadGeneratorUsPerRequest: number;
  /** Errors and non-2xx answers summed over the rounds; anything but 0 spoils the figure. */
  errors: number;
  non2xx: number;
}

/** One ratio: per-round values and their median. */
export interface RatioResult {
  name: string;
  numerator: string;
  denominator: string;
  perRound: number[];
  median: number;
  /** Per round: CPU per request of the denominator over the numerator's; null when unknown. */
  cpuPerRound: number[] | null;
  cpuMedian: number | null;
}

/** The whole scenario. */
export interface ThroughputResult {
  shape: LoadShape;
  rounds: number;
  warmupSeconds: number;
  /** Requests each server answered at least before the rounds (within a time bound). */
  warmupRequests: number;
  servers: ServerThroughput[];
  ratios: RatioResult[];
}

/** Runs the scenario over `allSpecs` but those saying `throughput: false`; `log` receives progress lines. */
export async function runThroughput(
  allSpecs: readonly ServerSpec[],
  ratios: readonly RatioSpec[],
  node: string,
  profile: Profile,
  log: (line: string) => void
): Promise<ThroughputResult> {
  const specs = allSpecs.filter((spec) => spec.throughput !== false);
  const shape: LoadShape = {
    connections: profile.connections,
    durationSeconds: profile.durationSeconds,
    maxRequests: profile.maxRequests
  };
  const running: RunningServer[] = [];
  try {
    for (const spec of specs) {
      const server = await startServer(spec, node);
      running.push(server);
      const request = requestOf(spec);
      assertAnswer(spec.name, request, await requestOnce(server.port, request));
      log(`http: warming up ${spec.name}`);
      await warmUp(server.port, request, shapeOf(spec, shape), profile);
    }
    const samples = new Map<string, ThroughputSample[]>(specs.map((spec) => [spec.name, []]));
    for (let round = 0; round < profile.httpRounds; round++) {
      for (const server of rotate(running, round)) {
        const sample = await measuredLoad(server, shapeOf(server.spec, shape));
        samples.get(server.spec.name)!.push(sample);
        log(
          `http: round ${round + 1}/${profile.httpRounds} ${server.spec.name} ` +
            `${Math.round(sample.requestsPerSecond)} req/s, ` +
            `${sample.cpuUsPerRequest?.toFixed(1) ?? '?'} us CPU/request`
        );
      }
    }
    return {
      shape,
      rounds: profile.httpRounds,
      warmupSeconds: profile.warmupSeconds,
      warmupRequests: profile.warmupRequests,
      servers: specs.map((spec) => summarize(spec.name, samples.get(spec.name)!)),
      ratios: ratios
        .filter((ratio) => samples.has(ratio.numerator) && samples.has(ratio.denominator))
        .map((ratio) => ratioOf(ratio, samples))
    };
  } finally {
    await Promise.all(running.map((server) => server.stop()));
  }
}

/** The load shape of `spec`: the profile's, with the spec's own connection count if any. */
/**
 * The unrecorded load before the rounds: `warmupSeconds`, then on until the server answered
 * `warmupRequests` in all or `warmupMaxSeconds` passed.
 */
async function warmUp(
  port: number,
  request: BenchRequest,
  shape: LoadShape,
  profile: Profile
): Promise<void> {
  const first = await runLoad(port, request, { ...shape, durationSeconds: profile.warmupSeconds });
  const missing = profile.warmupRequests - first.requests;
  const secondsLeft = profile.warmupMaxSeconds - first.seconds;
  if (missing <= 0 || secondsLeft < 1) return;
  await runLoad(port, request, {
    ...shape,
    durationSeconds: Math.floor(secondsLeft),
    maxRequests: Math.min(shape.maxRequests, missing)
  });
}

function shapeOf(spec: ServerSpec, shape: LoadShape): LoadShape {
  return spec.connections === undefined ? shape : { ...shape, connections: spec.connections };
}

async function measuredLoad(server: RunningServer, shape: LoadShape): Promise<ThroughputSample> {
  const before = server.cpuMs();
  const harnessBefore = process.cpuUsage();
  const sample = await runLoad(server.port, requestOf(server.spec), shape);
  const harness = process.cpuUsage(harnessBefore);
  const after = server.cpuMs();
  const serverCpuMs = before === null || after === null ? null : after - before;
  return {
    ...sample,
    serverCpuMs,
    serverCores: serverCpuMs === null ? null : serverCpuMs / (sample.seconds * 1000),
    loadGeneratorUsPerRequest: (harness.user + harness.system) / Math.max(sample.requests, 1),
    // The CPU of one successful answer, refusals' share included.
    cpuUsPerRequest:
      serverCpuMs === null || sample.succeeded === 0
        ? null
        : (serverCpuMs * 1000) / sample.succeeded
  };
}

function summarize(name: string, samples: ThroughputSample[]): ServerThroughput {
  const cpu = samples.map((sample) => sample.cpuUsPerRequest);
  const cores = samples.map((sample) => sample.serverCores);
  const rates = samples.map((sample) => sample.requestsPerSecond);
  const { min, max } = spread(rates);
  return {
    name,
    samples,
    medianRequestsPerSecond: median(rates),
    minRequestsPerSecond: min,
    maxRequestsPerSecond: max,
    medianLatencyP50Ms: median(samples.map((sample) => sample.latencyP50Ms)),
    medianLatencyP99Ms: median(samples.map((sample) => sample.latencyP99Ms)),
    medianCpuUsPerRequest: cpu.includes(null) ? null : median(cpu as number[]),
    medianServerCores: cores.includes(null) ? null : median(cores as number[]),
    medianLoadGeneratorUsPerRequest: median(
      samples.map((sample) => sample.loadGeneratorUsPerRequest)
    ),
    errors: samples.reduce((sum, sample) => sum + sample.errors, 0),
    non2xx: samples.reduce((sum, sample) => sum + sample.non2xx, 0)
  };
}

function ratioOf(ratio: RatioSpec, samples: Map<string, ThroughputSample[]>): RatioResult {
  const rates = (name: string): number[] =>
    samples.get(name)!.map((sample) => sample.requestsPerSecond);
  const costs = (name: string): (number | null)[] =>
    samples.get(name)!.map((sample) => sample.cpuUsPerRequest);
  const numerators = rates(ratio.numerator);
  const denominators = rates(ratio.denominator);
  const numeratorCosts = costs(ratio.numerator);
  const denominatorCosts = costs(ratio.denominator);
  const cpuKnown = ![...numeratorCosts, ...denominatorCosts].includes(null);
  return {
    name: ratioName(ratio),
    numerator: ratio.numerator,
    denominator: ratio.denominator,
    perRound: numerators.map((value, round) => value / denominators[round]!),
    median: medianRatio(numerators, denominators),
    cpuPerRound: cpuKnown
      ? denominatorCosts.map((cost, round) => cost! / numeratorCosts[round]!)
      : null,
    cpuMedian: cpuKnown
      ? medianRatio(denominatorCosts as number[], numeratorCosts as number[])
      : null
  };
}
