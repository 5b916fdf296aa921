/**
 * The throughput scenario: every server runs in its own child process at once (idle ones
 * cost nothing), each is checked and warmed up, then each round drives every server in
 * turn, the order rotating from round to round so none always follows another. Requests/s
 * are reported as medians; ratios are taken within each round, then their median.
 */
import { WIDGET_PATH, EXPECTED_WIDGET_BODY } from '../servers/widget-api.js';
import { ratioName, type RatioSpec, type ServerSpec } from '../scenarios.js';
import { runLoad, type LoadSample, type LoadShape } from './load-run.js';
import type { Profile } from './options.js';
import { assertJsonAnswer, requestOnce } from './request-once.js';
import { startServer, type RunningServer } from './server-process.js';
import { median, medianRatio, rotate, spread } from './stats.js';

/** One server's throughput over the rounds. */
export interface ServerThroughput {
  name: string;
  samples: LoadSample[];
  medianRequestsPerSecond: number;
  minRequestsPerSecond: number;
  maxRequestsPerSecond: number;
  medianLatencyP50Ms: number;
  medianLatencyP99Ms: number;
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
}

/** The whole scenario. */
export interface ThroughputResult {
  shape: LoadShape;
  rounds: number;
  warmupSeconds: number;
  servers: ServerThroughput[];
  ratios: RatioResult[];
}

/** Runs the scenario over `specs`; `log` receives progress lines. */
export async function runThroughput(
  specs: readonly ServerSpec[],
  ratios: readonly RatioSpec[],
  node: string,
  profile: Profile,
  log: (line: string) => void
): Promise<ThroughputResult> {
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
      assertJsonAnswer(
        spec.name,
        await requestOnce(server.port, WIDGET_PATH),
        EXPECTED_WIDGET_BODY
      );
      log(`http: warming up ${spec.name}`);
      await runLoad(server.port, WIDGET_PATH, { ...shape, durationSeconds: profile.warmupSeconds });
    }
    const samples = new Map<string, LoadSample[]>(specs.map((spec) => [spec.name, []]));
    for (let round = 0; round < profile.httpRounds; round++) {
      for (const server of rotate(running, round)) {
        const sample = await runLoad(server.port, WIDGET_PATH, shape);
        samples.get(server.spec.name)!.push(sample);
        log(
          `http: round ${round + 1}/${profile.httpRounds} ${server.spec.name} ${Math.round(sample.requestsPerSecond)} req/s`
        );
      }
    }
    return {
      shape,
      rounds: profile.httpRounds,
      warmupSeconds: profile.warmupSeconds,
      servers: specs.map((spec) => summarize(spec.name, samples.get(spec.name)!)),
      ratios: ratios
        .filter((ratio) => samples.has(ratio.numerator) && samples.has(ratio.denominator))
        .map((ratio) => ratioOf(ratio, samples))
    };
  } finally {
    await Promise.all(running.map((server) => server.stop()));
  }
}

function summarize(name: string, samples: LoadSample[]): ServerThroughput {
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
    errors: samples.reduce((sum, sample) => sum + sample.errors, 0),
    non2xx: samples.reduce((sum, sample) => sum + sample.non2xx, 0)
  };
}

function ratioOf(ratio: RatioSpec, samples: Map<string, LoadSample[]>): RatioResult {
  const rates = (name: string): number[] =>
    samples.get(name)!.map((sample) => sample.requestsPerSecond);
  const numerators = rates(ratio.numerator);
  const denominators = rates(ratio.denominator);
  return {
    name: ratioName(ratio),
    numerator: ratio.numerator,
    denominator: ratio.denominator,
    perRound: numerators.map((value, round) => value / denominators[round]!),
    median: medianRatio(numerators, denominators)
  };
}
