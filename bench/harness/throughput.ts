/**
 * The throughput scenario: each server runs in several fresh processes one after the other
 * (see `runRounds`: a group of processes, one per server, is started at once, idle ones
 * cost nothing, each checked and warmed up, then serves a few rounds and is stopped). Each
 * round drives every server in turn, the order rotating from round to round so none always
 * follows another. Requests/s are reported as medians; ratios are taken within each round,
 * then their median. Every sample names its round and the process that served it, and every
 * server gets its per-process medians: one process in a costlier state for all its rounds
 * shows as a spread between processes instead of moving the whole result.
 *
 * Each run also reads the CPU time the server process used (from `/proc`), so each server
 * gets a CPU cost per request. On a machine shared with other work, requests/s depend on
 * the CPU share the server happened to get; CPU per request hardly does, so every ratio
 * is given both ways: requests/s of the first over the second, and CPU per request of the
 * second over the first (the throughput ratio the CPU costs alone predict).
 */
import { performance } from 'node:perf_hooks';
import type { RatioSpec, ServerSpec } from '../scenarios.js';
import type { LoadSample, LoadShape } from './load-run.js';
import type { Profile } from './options.js';
import { startWarmServer } from './throughput-process.js';
import { roundProcesses, runRounds, type RoundSample } from './throughput-rounds.js';
import { ratioOf, summarizeServer } from './throughput-summary.js';

/** One load run, with the CPU time the server used during it. */
export interface MeasuredLoad extends LoadSample {
  /** CPU time (user + system) of the server process during the run; null when unknown. */
  serverCpuMs: number | null;
  /** `serverCpuMs` per completed request, in microseconds; null when unknown. */
  cpuUsPerRequest: number | null;
  /**
   * The part of `cpuUsPerRequest` the server's helper threads used (every thread but the
   * main one: V8's garbage collector and compiler, libuv's pool); null when unknown.
   */
  helperCpuUsPerRequest: number | null;
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

/** One recorded load run: `MeasuredLoad` with its round and process. */
export type ThroughputSample = RoundSample;

/** One fresh process of a server: its start and its warm-up. */
export interface ServerProcess {
  /** Its index among the server's processes (0-based), as in `ThroughputSample.process`. */
  index: number;
  /** The process id; null when unknown. */
  pid: number | null;
  /** Milliseconds from spawning it to its announcement. */
  startupMs: number;
  /** Requests answered and seconds spent in its unrecorded warm-up. */
  warmupRequests: number;
  warmupSeconds: number;
}

/** One server's throughput over the rounds. */
export interface ServerThroughput {
  name: string;
  samples: ThroughputSample[];
  processes: ServerProcess[];
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
  /** Per process (in `processes` order): the median requests/s of its rounds. */
  processRequestsPerSecond: number[];
  /** Per process: the median CPU microseconds per request of its rounds; null when unknown. */
  processCpuUsPerRequest: (number | null)[];
  /** The largest over the smallest of `processCpuUsPerRequest`; null when unknown. */
  processCpuSpread: number | null;
  /**
   * Per process: the median of its rounds' `helperCpuUsPerRequest`, so a costlier process
   * shows whether its extra work ran on the main thread or on V8's helper threads.
   */
  processHelperCpuUsPerRequest: (number | null)[];
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
  /** Rounds in all: `processes` x the profile's rounds per process. */
  rounds: number;
  /** Fresh processes each server ran in, one after the other. */
  processes: number;
  /** The process index of each round (every server's process of that index served it). */
  roundProcesses: number[];
  warmupSeconds: number;
  /** Requests each server answered at least before the rounds (within a time bound). */
  warmupRequests: number;
  /** Wall-clock seconds the whole scenario took (starts and warm-ups included). */
  seconds: number;
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
  const startedAt = performance.now();
  const specs = allSpecs.filter((spec) => spec.throughput !== false);
  const shape: LoadShape = {
    connections: profile.connections,
    durationSeconds: profile.durationSeconds,
    maxRequests: profile.maxRequests
  };
  const layout = {
    processes: profile.httpProcesses,
    roundsPerProcess: profile.httpRoundsPerProcess
  };
  const runs = await runRounds(
    specs,
    layout,
    (spec) => startWarmServer(spec, node, shapeOf(spec, shape), profile),
    log
  );
  const processOfRound = roundProcesses(layout);
  return {
    shape,
    rounds: processOfRound.length,
    processes: layout.processes,
    roundProcesses: processOfRound,
    warmupSeconds: profile.warmupSeconds,
    warmupRequests: profile.warmupRequests,
    seconds: (performance.now() - startedAt) / 1000,
    servers: specs.map((spec) => summarizeServer(spec.name, runs.get(spec.name)!)),
    ratios: ratios
      .filter((ratio) => runs.has(ratio.numerator) && runs.has(ratio.denominator))
      .map((ratio) => ratioOf(ratio, runs))
  };
}

/** The load shape of `spec`: the profile's, with the spec's own connection count if any. */
function shapeOf(spec: ServerSpec, shape: LoadShape): LoadShape {
  return spec.connections === undefined ? shape : { ...shape, connections: spec.connections };
}
