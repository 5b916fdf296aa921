/**
 * The load-extensions benchmark: how long wharf takes to discover and load N trivial
 * extensions (N = 100 and N = 1000), each measurement in a fresh Node process
 * (load/load-runner.ts) so every module import is cold. Each round also loads the same
 * files with no wharf (load/bare-import-runner.ts), the floor set by Node's module loader,
 * and runs the four measurements in a rotating order. Reported: medians per size, the
 * median per-round ratio 1000 / 100, and the median per-round ratio wharf / bare import.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runNodeForJson } from './harness/run-node.js';
import { median, medianRatio, rotate } from './harness/stats.js';
import { generateExtensions, LOAD_NAMESPACE } from './load/generate-extensions.js';
import type { LoadTimings } from './load/load-runner.js';
import { targetResult, type TargetResult } from './targets.js';

/** The sizes compared: the small one first. */
export const LOAD_SIZES = [100, 1000] as const;

/** Start-up must stay linear: the large size under a time bound (ms), and a bounded ratio. */
export const LOAD_TARGETS = { largeTotalMs: 500, maxRatio: 12 };

const RUNNERS = {
  wharf: fileURLToPath(new URL('./load/load-runner.js', import.meta.url)),
  bare: fileURLToPath(new URL('./load/bare-import-runner.js', import.meta.url))
};
type Runner = keyof typeof RUNNERS;

/** One size over the rounds. */
export interface LoadSizeResult {
  count: number;
  wharf: LoadTimings[];
  bare: LoadTimings[];
  medianImportMs: number;
  medianDiscoverMs: number;
  medianLoadMs: number;
  /** Discovery plus loading through wharf. */
  medianTotalMs: number;
  /** Reading the manifest plus importing and constructing with no wharf. */
  medianBareTotalMs: number;
  /** Median over rounds of wharf total / bare total. */
  overBare: number;
}

/** The whole benchmark. */
export interface LoadExtensionsResult {
  rounds: number;
  sizes: LoadSizeResult[];
  /** Per-round wharf totalMs(1000) / totalMs(100), and their median. */
  ratio: { perRound: number[]; median: number };
  targets: TargetResult[];
}

/** Runs the benchmark with `node` for `rounds` rounds; generated files are removed after. */
export async function runLoadExtensions(
  node: string,
  rounds: number,
  log: (line: string) => void
): Promise<LoadExtensionsResult> {
  const root = await mkdtemp(join(tmpdir(), 'wharf-bench-load-'));
  try {
    const sets = await Promise.all(
      LOAD_SIZES.map((count) => generateExtensions(join(root, `n${count}`), count))
    );
    const runs = sets.flatMap((set) =>
      (Object.keys(RUNNERS) as Runner[]).map((runner) => ({ runner, set }))
    );
    const samples = new Map<string, LoadTimings[]>(runs.map((run) => [key(run), []]));
    for (let round = 0; round < rounds; round++) {
      for (const run of rotate(runs, round)) {
        const timings = await runNodeForJson<LoadTimings>({
          node,
          script: RUNNERS[run.runner],
          args: [run.set.manifest, LOAD_NAMESPACE]
        });
        if (timings.loaded !== run.set.count || timings.failures !== 0) {
          throw new Error(
            `load-extensions (${run.runner}): ${run.set.count} expected, ` +
              `${timings.loaded} loaded, ${timings.failures} failed`
          );
        }
        samples.get(key(run))!.push(timings);
        log(
          `load: round ${round + 1}/${rounds} ${run.runner} N=${run.set.count} ` +
            `${timings.totalMs.toFixed(1)} ms`
        );
      }
    }
    return summarize(rounds, samples);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

function key(run: { runner: Runner; set: { count: number } }): string {
  return `${run.runner}:${run.set.count}`;
}

function summarize(rounds: number, samples: Map<string, LoadTimings[]>): LoadExtensionsResult {
  const totals = (list: LoadTimings[]): number[] => list.map((sample) => sample.totalMs);
  const sizes = LOAD_SIZES.map((count): LoadSizeResult => {
    const wharf = samples.get(`wharf:${count}`)!;
    const bare = samples.get(`bare:${count}`)!;
    const medianOf = (field: keyof LoadTimings): number =>
      median(wharf.map((sample) => sample[field]));
    return {
      count,
      wharf,
      bare,
      medianImportMs: medianOf('importMs'),
      medianDiscoverMs: medianOf('discoverMs'),
      medianLoadMs: medianOf('loadMs'),
      medianTotalMs: medianOf('totalMs'),
      medianBareTotalMs: median(totals(bare)),
      overBare: medianRatio(totals(wharf), totals(bare))
    };
  });
  const [small, large] = sizes as [LoadSizeResult, LoadSizeResult];
  const largeTotals = totals(large.wharf);
  const smallTotals = totals(small.wharf);
  const ratio = medianRatio(largeTotals, smallTotals);
  return {
    rounds,
    sizes,
    ratio: {
      perRound: largeTotals.map((value, round) => value / smallTotals[round]!),
      median: ratio
    },
    targets: [
      targetResult(
        `load-extensions N=${large.count} discover+load ms`,
        { value: large.medianTotalMs },
        { comparison: '<', limit: LOAD_TARGETS.largeTotalMs }
      ),
      targetResult(
        `load-extensions discover+load ${large.count}/${small.count}`,
        { value: ratio },
        { comparison: '<=', limit: LOAD_TARGETS.maxRatio }
      )
    ]
  };
}
