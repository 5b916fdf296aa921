/**
 * The throughput scenario's figures from its samples: per server the medians over all rounds
 * and the medians of each of its processes (so a process stuck in a costlier state shows),
 * and the named ratios, taken within each round (both servers measured in the same round,
 * each by its process of that round) before their median over the rounds.
 */
import { ratioName, type RatioSpec } from '../scenarios.js';
import { median, medianRatio, spread } from './stats.js';
import type { RatioResult, ServerThroughput } from './throughput.js';
import type { ServerRuns } from './throughput-rounds.js';

/** The figures of one server from its rounds. */
export function summarizeServer(name: string, runs: ServerRuns): ServerThroughput {
  const { samples, processes } = runs;
  const rates = samples.map((sample) => sample.requestsPerSecond);
  const { min, max } = spread(rates);
  const perProcess = processes.map(({ index }) =>
    samples.filter((sample) => sample.process === index)
  );
  const processCpu = perProcess.map((own) => knownMedian(own.map((s) => s.cpuUsPerRequest)));
  return {
    name,
    samples,
    processes,
    medianRequestsPerSecond: median(rates),
    minRequestsPerSecond: min,
    maxRequestsPerSecond: max,
    medianLatencyP50Ms: median(samples.map((sample) => sample.latencyP50Ms)),
    medianLatencyP99Ms: median(samples.map((sample) => sample.latencyP99Ms)),
    medianCpuUsPerRequest: knownMedian(samples.map((sample) => sample.cpuUsPerRequest)),
    medianServerCores: knownMedian(samples.map((sample) => sample.serverCores)),
    medianLoadGeneratorUsPerRequest: median(
      samples.map((sample) => sample.loadGeneratorUsPerRequest)
    ),
    processRequestsPerSecond: perProcess.map((own) =>
      median(own.map((sample) => sample.requestsPerSecond))
    ),
    processCpuUsPerRequest: processCpu,
    processCpuSpread: cpuSpread(processCpu),
    processHelperCpuUsPerRequest: perProcess.map((own) =>
      knownMedian(own.map((sample) => sample.helperCpuUsPerRequest))
    ),
    errors: samples.reduce((sum, sample) => sum + sample.errors, 0),
    non2xx: samples.reduce((sum, sample) => sum + sample.non2xx, 0)
  };
}

/**
 * The largest over the smallest of the processes' median CPU per request: 1 when every
 * process cost the same; null with fewer than two processes or a CPU figure unknown.
 */
export function cpuSpread(processCpu: readonly (number | null)[]): number | null {
  if (processCpu.length < 2 || processCpu.includes(null)) return null;
  const { min, max } = spread(processCpu as number[]);
  return max / min;
}

/** One named ratio from the rounds of both servers (paired by round). */
export function ratioOf(ratio: RatioSpec, runs: Map<string, ServerRuns>): RatioResult {
  // Each server's samples are in round order: every round measures every server once.
  const numerator = runs.get(ratio.numerator)!.samples;
  const denominator = runs.get(ratio.denominator)!.samples;
  const numeratorRates = numerator.map((sample) => sample.requestsPerSecond);
  const denominatorRates = denominator.map((sample) => sample.requestsPerSecond);
  const numeratorCosts = numerator.map((sample) => sample.cpuUsPerRequest);
  const denominatorCosts = denominator.map((sample) => sample.cpuUsPerRequest);
  const cpuKnown = ![...numeratorCosts, ...denominatorCosts].includes(null);
  return {
    name: ratioName(ratio),
    numerator: ratio.numerator,
    denominator: ratio.denominator,
    perRound: numeratorRates.map((value, round) => value / denominatorRates[round]!),
    median: medianRatio(numeratorRates, denominatorRates),
    cpuPerRound: cpuKnown
      ? denominatorCosts.map((cost, round) => cost! / numeratorCosts[round]!)
      : null,
    cpuMedian: cpuKnown
      ? medianRatio(denominatorCosts as number[], numeratorCosts as number[])
      : null
  };
}

function knownMedian(values: readonly (number | null)[]): number | null {
  return values.length === 0 || values.includes(null) ? null : median(values as number[]);
}
