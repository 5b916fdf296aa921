/**
 * The first-request scenario, which is also the start-up one: each round starts every
 * server in a fresh process (order rotating by round), reads its resident memory the
 * moment it announces its port, sends the first request over a fresh connection at once,
 * then a second one over another fresh connection, and stops it. Reported per server:
 * start-up (spawn to listening) and the phases the server measured itself, resident
 * memory, first and second request times, the first-request penalty (first / second,
 * within the round) and the first request against the baseline server's (within the round).
 * Servers whose spec says `firstRequest: false` are left out.
 */
import { performance } from 'node:perf_hooks';
import type { StartupPhases } from '../servers/announce.js';
import { requestOf, type ServerSpec } from '../scenarios.js';
import { assertAnswer } from './bench-request.js';
import type { Profile } from './options.js';
import { requestOnce } from './request-once.js';
import { startServer } from './server-process.js';
import { median, medianRatio, rotate } from './stats.js';

/** One fresh process. */
export interface FirstRequestSample {
  startupMs: number;
  /** The start-up phases the server reported (wharf servers only). */
  phases: StartupPhases;
  /** Resident memory when it announced, bytes; null when unknown. */
  rssBytes: number | null;
  /** From reading the announcement to the end of the first answer. */
  firstMs: number;
  /** A second request over a new connection, right after. */
  secondMs: number;
}

/** One server over the rounds. */
export interface ServerFirstRequest {
  name: string;
  samples: FirstRequestSample[];
  medianStartupMs: number;
  /** Median of each reported start-up phase. */
  medianPhases: StartupPhases;
  /** Median resident memory after start, bytes; null when unknown. */
  medianRssBytes: number | null;
  medianFirstMs: number;
  medianSecondMs: number;
  /** Median over rounds of first / second. */
  firstOverSecond: number;
  /** Median over rounds of this server's first / the baseline's first; null without one. */
  firstOverBaseline: number | null;
}

/** The whole scenario. */
export interface FirstRequestResult {
  rounds: number;
  baseline: string | null;
  servers: ServerFirstRequest[];
}

/** Runs the scenario; `baseline` names the server others are compared with. */
export async function runFirstRequest(
  allSpecs: readonly ServerSpec[],
  baseline: string,
  node: string,
  profile: Profile,
  log: (line: string) => void
): Promise<FirstRequestResult> {
  const specs = allSpecs.filter((spec) => spec.firstRequest !== false);
  const samples = new Map<string, FirstRequestSample[]>(specs.map((spec) => [spec.name, []]));
  for (let round = 0; round < profile.firstRequestRounds; round++) {
    for (const spec of rotate(specs, round)) {
      const sample = await measureOnce(spec, node);
      samples.get(spec.name)!.push(sample);
      log(
        `first: round ${round + 1}/${profile.firstRequestRounds} ${spec.name} ` +
          `start ${sample.startupMs.toFixed(0)} ms, first ${sample.firstMs.toFixed(1)} ms, ` +
          `RSS ${sample.rssBytes === null ? '?' : (sample.rssBytes / 2 ** 20).toFixed(0)} MB`
      );
    }
  }
  const baselineSamples = samples.get(baseline);
  return {
    rounds: profile.firstRequestRounds,
    baseline: baselineSamples ? baseline : null,
    servers: specs.map((spec) => {
      const own = samples.get(spec.name)!;
      const first = own.map((sample) => sample.firstMs);
      return {
        name: spec.name,
        samples: own,
        medianStartupMs: median(own.map((sample) => sample.startupMs)),
        medianPhases: medianPhases(own.map((sample) => sample.phases)),
        medianRssBytes: own.some((sample) => sample.rssBytes === null)
          ? null
          : median(own.map((sample) => sample.rssBytes!)),
        medianFirstMs: median(first),
        medianSecondMs: median(own.map((sample) => sample.secondMs)),
        firstOverSecond: medianRatio(
          first,
          own.map((sample) => sample.secondMs)
        ),
        firstOverBaseline: baselineSamples
          ? medianRatio(
              first,
              baselineSamples.map((sample) => sample.firstMs)
            )
          : null
      };
    })
  };
}

async function measureOnce(spec: ServerSpec, node: string): Promise<FirstRequestSample> {
  const server = await startServer(spec, node);
  const request = requestOf(spec);
  try {
    const first = await requestOnce(server.port, request, server.listeningAt);
    assertAnswer(spec.name, request, first);
    const second = await requestOnce(server.port, request, performance.now());
    assertAnswer(spec.name, request, second);
    return {
      startupMs: server.startupMs,
      phases: server.phases,
      rssBytes: server.rssBytes,
      firstMs: first.elapsedMs,
      secondMs: second.elapsedMs
    };
  } finally {
    await server.stop();
  }
}

/** The median of every phase all samples report. */
function medianPhases(samples: readonly StartupPhases[]): StartupPhases {
  const names = Object.keys(samples[0] ?? {}).filter((name) =>
    samples.every((phases) => typeof phases[name] === 'number')
  );
  return Object.fromEntries(
    names.map((name) => [name, median(samples.map((phases) => phases[name]!))])
  );
}
