/**
 * The command-line benchmark: `wharf --help` and `wharf extensions list` of a project with
 * 100 extensions, each a whole fresh process timed from spawn to exit, beside the floor of
 * `node -e 0` (Node's own start-up) in the same rounds and rotating order. The entry-point
 * cache lives in a temp folder, filled by one unrecorded run of each command, as after a
 * user's first run. Reported: the median of each command, its median per-round ratio over
 * the floor, and the targets on the medians.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, medianRatio, rotate } from './harness/stats.js';
import { generateExtensions } from './load/generate-extensions.js';
import { targetResult, type TargetResult } from './targets.js';

/** The extensions in the listed project. */
export const CLI_LIST_EXTENSIONS = 100;

/** Whole-process limits (ms) of the commands. */
export const CLI_TARGETS: Readonly<Record<string, number>> = {
  'wharf --help': 150,
  [`wharf extensions list (${CLI_LIST_EXTENSIONS} extensions)`]: 300
};

const FLOOR = 'node -e 0';
const CLI = fileURLToPath(new URL('../core/cli/main.js', import.meta.url));

/** One command over the rounds. */
export interface CliCommandResult {
  name: string;
  samplesMs: number[];
  medianMs: number;
  /** Median over rounds of this command's time / the floor's. */
  overFloor: number;
}

/** The whole benchmark. */
export interface CliResult {
  rounds: number;
  commands: CliCommandResult[];
  targets: TargetResult[];
}

/** Runs the benchmark with `node` for `rounds` rounds; generated files are removed after. */
export async function runCliCommands(
  node: string,
  rounds: number,
  log: (line: string) => void
): Promise<CliResult> {
  const root = await mkdtemp(join(tmpdir(), 'wharf-bench-cli-'));
  try {
    const set = await generateExtensions(join(root, 'project'), CLI_LIST_EXTENSIONS);
    const env = { ...process.env, XDG_CACHE_HOME: join(root, 'cache') };
    const commands: { name: string; argv: string[] }[] = [
      { name: FLOOR, argv: ['-e', '0'] },
      { name: 'wharf --help', argv: [CLI, '--help'] },
      {
        name: `wharf extensions list (${CLI_LIST_EXTENSIONS} extensions)`,
        argv: [CLI, 'extensions', 'list', '--manifest', set.manifest]
      }
    ];
    for (const command of commands) await timeProcess(node, command.argv, env);
    const samples = new Map<string, number[]>(commands.map((command) => [command.name, []]));
    for (let round = 0; round < rounds; round++) {
      for (const command of rotate(commands, round)) {
        const ms = await timeProcess(node, command.argv, env);
        samples.get(command.name)!.push(ms);
        log(`cli: round ${round + 1}/${rounds} ${command.name} ${ms.toFixed(1)} ms`);
      }
    }
    return summarize(rounds, samples);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** Milliseconds from spawning `node argv` to its exit; rejects when it fails. */
function timeProcess(node: string, argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    execFile(node, argv, { env, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }, (error, _, err) => {
      if (error) reject(new Error(`${argv.join(' ')} failed: ${error.message}\n${err}`));
      else resolve(performance.now() - start);
    });
  });
}

function summarize(rounds: number, samples: Map<string, number[]>): CliResult {
  const floor = samples.get(FLOOR)!;
  const commands = [...samples].map(([name, samplesMs]): CliCommandResult => ({
    name,
    samplesMs,
    medianMs: median(samplesMs),
    overFloor: medianRatio(samplesMs, floor)
  }));
  const targets = commands
    .filter((command) => CLI_TARGETS[command.name] !== undefined)
    .map((command) =>
      targetResult(
        `${command.name} whole process ms`,
        { value: command.medianMs },
        { comparison: '<=', limit: CLI_TARGETS[command.name]! }
      )
    );
  return { rounds, commands, targets };
}
