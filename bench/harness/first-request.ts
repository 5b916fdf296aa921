/**
 * The first-request scenario: each round starts every server in a fresh process (order
 * rotating by round), sends the first request over a fresh connection the moment the
 * server announces its port, then a second one over another fresh connection, and stops
 * it. Reported per server: start-up (spawn to listening), first and second request times,
 * the first-request penalty (first / second, within the round) and the first request
 * against the baseline server's (within the round).
 */
import { performance } from 'node:perf_hooks';
import { EXPECTED_WIDGET_BODY, WIDGET_PATH } from '../servers/widget-api.js';
import type { ServerSpec } from '../scenarios.js';
import type { Profile } from './options.js';
import { assertJsonAnswer, requestOnce } from './request-once.js';
import { startServer } from './server-process.js';
import { median, medianRatio, rotate } from './stats.js';

/** One fresh process. */
export interface FirstRequestSample {
  startupMs: number;
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
  specs: readonly ServerSpec[],
  baseline: string,
  node: string,
  profile: Profile,
  log: (line: string) => void
): Promise<FirstRequestResult> {
  const samples = new Map<string, FirstRequestSample[]>(specs.map((spec) => [spec.name, []]));
  for (let round = 0; round < profile.firstRequestRounds; round++) {
    for (const spec of rotate(specs, round)) {
      const sample = await measureOnce(spec, node);
      samples.get(spec.name)!.push(sample);
      log(
        `first: round ${round + 1}/${profile.firstRequestRounds} ${spec.name} ` +
          `start ${sample.startupMs.toFixed(0)} ms, first ${sample.firstMs.toFixed(1)} ms`
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
  try {
    const first = await requestOnce(server.port, WIDGET_PATH, server.listeningAt);
    assertJsonAnswer(spec.name, first, EXPECTED_WIDGET_BODY);
    const second = await requestOnce(server.port, WIDGET_PATH, performance.now());
    assertJsonAnswer(spec.name, second, EXPECTED_WIDGET_BODY);
    return { startupMs: server.startupMs, firstMs: first.elapsedMs, secondMs: second.elapsedMs };
  } finally {
    await server.stop();
  }
}
