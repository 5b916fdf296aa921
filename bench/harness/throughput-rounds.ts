/**
 * The schedule of the throughput scenario, apart from how a server is started or driven:
 * each server runs in `processes` fresh processes one after the other, and each process
 * serves `roundsPerProcess` rounds. A group of processes (one per server) is started,
 * checked and warmed up, serves its rounds with the order rotating from round to round,
 * and is stopped before the next group starts. So a process that happens to sit in a
 * costlier state (its heap, its JIT's choices, where its pages landed) spoils only its own
 * rounds, and the rounds of different processes are independent samples.
 */
import type { ServerSpec } from '../scenarios.js';
import { rotate } from './stats.js';
import type { MeasuredLoad, ServerProcess } from './throughput.js';

/** How many fresh processes each server gets, and how many rounds each serves. */
export interface ProcessLayout {
  processes: number;
  roundsPerProcess: number;
}

/** A started, checked and warmed-up process of one server. */
export interface WarmServer {
  /** Its start and warm-up, without its index. */
  process: Omit<ServerProcess, 'index'>;
  /** One recorded load run. */
  measure(): Promise<MeasuredLoad>;
  /** Stops the process. */
  stop(): Promise<void>;
}

/** One recorded load run, with the round it belongs to and the process that served it. */
export type RoundSample = MeasuredLoad & {
  /** Index of the round over the whole scenario (0-based). */
  round: number;
  /** Index of the server's process that served it (`ServerProcess.index`). */
  process: number;
};

/** What the rounds produced for one server. */
export interface ServerRuns {
  samples: RoundSample[];
  processes: ServerProcess[];
}

/** The process index of each round, in order: `roundsPerProcess` rounds per process. */
export function roundProcesses(layout: ProcessLayout): number[] {
  return Array.from({ length: layout.processes * layout.roundsPerProcess }, (_, round) =>
    Math.floor(round / layout.roundsPerProcess)
  );
}

/**
 * Runs every round of `layout` over `specs`; `start` starts, checks and warms up one fresh
 * process of a spec. Every process of a group is stopped (also on failure) before the
 * next group starts.
 */
export async function runRounds(
  specs: readonly ServerSpec[],
  layout: ProcessLayout,
  start: (spec: ServerSpec) => Promise<WarmServer>,
  log: (line: string) => void
): Promise<Map<string, ServerRuns>> {
  const runs = new Map<string, ServerRuns>(
    specs.map((spec) => [spec.name, { samples: [], processes: [] }])
  );
  const processOf = roundProcesses(layout);
  for (let index = 0; index < layout.processes; index++) {
    const group: { spec: ServerSpec; server: WarmServer }[] = [];
    try {
      for (const spec of specs) {
        log(`http: process ${index + 1}/${layout.processes}: starting and warming up ${spec.name}`);
        const server = await start(spec);
        group.push({ spec, server });
        runs.get(spec.name)!.processes.push({ index, ...server.process });
      }
      for (let round = 0; round < processOf.length; round++) {
        if (processOf[round] !== index) continue;
        for (const { spec, server } of rotate(group, round)) {
          const sample = await server.measure();
          runs.get(spec.name)!.samples.push({ ...sample, round, process: index });
          log(
            `http: round ${round + 1}/${processOf.length} (process ${index + 1}) ${spec.name} ` +
              `${Math.round(sample.requestsPerSecond)} req/s, ` +
              `${sample.cpuUsPerRequest?.toFixed(1) ?? '?'} us CPU/request`
          );
        }
      }
    } finally {
      await Promise.all(group.map(({ server }) => server.stop()));
    }
  }
  return runs;
}
