/**
 * The results of one run: printed as plain tables on standard output and written as JSON
 * to `bench/results/latest.json` (next to the sources, not in dist/).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliResult } from '../cli-commands.js';
import type { LoadExtensionsResult } from '../load-extensions.js';
import type { TargetResult } from '../targets.js';
import type { FirstRequestResult } from './first-request.js';
import type { MachineInfo } from './machine-info.js';
import type { Profile } from './options.js';
import { round } from './stats.js';
import { renderTable } from './table.js';
import type { ThroughputResult } from './throughput.js';

/** Everything one run measured; sections not run are absent. */
export interface BenchResults {
  machine: MachineInfo;
  quick: boolean;
  profile: Profile;
  loadExtensions?: LoadExtensionsResult;
  throughput?: ThroughputResult;
  firstRequest?: FirstRequestResult;
  cli?: CliResult;
  /** Every target of the sections run, PASS or FAIL. */
  targets?: TargetResult[];
}

/** Where the JSON results go. */
export const RESULTS_FILE = fileURLToPath(
  new URL('../../../bench/results/latest.json', import.meta.url)
);

/** Writes the results as JSON and returns the file path. */
export async function writeResults(
  results: BenchResults,
  file: string = RESULTS_FILE
): Promise<string> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}

/** The whole report as text. */
export function renderReport(results: BenchResults): string {
  const { machine } = results;
  const header =
    `wharf benchmarks${results.quick ? ' (--quick)' : ''}: ${machine.date}\n` +
    `${machine.cpuModel}, ${machine.cores} cores; harness node ${machine.harnessNode}, ` +
    `children node ${machine.childNode}`;
  const parts = [header];
  if (results.loadExtensions) parts.push(...loadTables(results.loadExtensions));
  if (results.throughput) parts.push(...throughputTables(results.throughput));
  if (results.firstRequest) parts.push(firstRequestTable(results.firstRequest));
  if (results.cli) parts.push(cliTable(results.cli));
  if (results.targets && results.targets.length > 0) parts.push(targetsTable(results.targets));
  return `${parts.join('\n\n')}\n`;
}

function loadTables(result: LoadExtensionsResult): string[] {
  return [
    renderTable(
      `load-extensions: discover + load with invokeOnLoad, fresh process each, median of ${result.rounds} rounds`,
      [
        'N',
        'import wharf ms',
        'discover ms',
        'load ms',
        'discover+load ms',
        'bare ms',
        'wharf/bare'
      ],
      result.sizes.map((size) => [
        size.count,
        round(size.medianImportMs),
        round(size.medianDiscoverMs),
        round(size.medianLoadMs),
        round(size.medianTotalMs),
        round(size.medianBareTotalMs),
        round(size.overBare, 2)
      ])
    ),
    renderTable(
      `load-extensions targets (ratio: median of per-round ratios ${result.ratio.perRound.map((value) => round(value, 2)).join(', ')})`,
      ['target', 'value', 'limit', 'result'],
      result.targets.map((target) => [
        target.name,
        round(target.value, 2),
        `${target.comparison} ${target.limit}`,
        target.pass ? 'PASS' : 'FAIL'
      ])
    )
  ];
}

function throughputTables(result: ThroughputResult): string[] {
  const { shape } = result;
  return [
    renderTable(
      `HTTP throughput: ${shape.connections} connections, ${shape.durationSeconds} s per run ` +
        `(at most ${shape.maxRequests} requests), median of ${result.rounds} rounds ` +
        `served by ${result.processes} fresh processes per server`,
      [
        'server',
        'req/s',
        'min',
        'max',
        'p50 ms',
        'p99 ms',
        'CPU us/req',
        'cores',
        'load gen us/req',
        'errors',
        'non-2xx'
      ],
      result.servers.map((server) => [
        server.name,
        Math.round(server.medianRequestsPerSecond),
        Math.round(server.minRequestsPerSecond),
        Math.round(server.maxRequestsPerSecond),
        server.medianLatencyP50Ms,
        server.medianLatencyP99Ms,
        optional(server.medianCpuUsPerRequest, 1),
        optional(server.medianServerCores, 2),
        round(server.medianLoadGeneratorUsPerRequest, 1),
        server.errors,
        server.non2xx
      ])
    ),
    renderTable(
      "throughput by process: median of each fresh process's rounds; " +
        'CPU spread: the largest over the smallest per-process CPU per request; ' +
        "helper threads: the part of the CPU on threads other than the process's main one",
      ['server', 'CPU us/req per process', 'helper threads', 'req/s per process', 'CPU spread'],
      result.servers.map((server) => [
        server.name,
        server.processCpuUsPerRequest.map((value) => optional(value, 1)).join(' '),
        server.processHelperCpuUsPerRequest.map((value) => optional(value, 1)).join(' '),
        server.processRequestsPerSecond.map((value) => Math.round(value)).join(' '),
        optional(server.processCpuSpread, 2)
      ])
    ),
    renderTable(
      'throughput ratios, per round (rounds of one process between bars) and median: ' +
        'req/s of the first over the second; CPU: CPU per request of the second over the first',
      ['ratio', 'req/s', 'CPU', 'req/s per round', 'CPU per round'],
      result.ratios.map((ratio) => [
        ratio.name,
        round(ratio.median, 3),
        optional(ratio.cpuMedian, 3),
        byProcess(ratio.perRound, result.roundProcesses),
        ratio.cpuPerRound === null ? '-' : byProcess(ratio.cpuPerRound, result.roundProcesses)
      ])
    )
  ];
}

function firstRequestTable(result: FirstRequestResult): string {
  const baseline = result.baseline ?? 'baseline';
  return renderTable(
    `start-up and first request: fresh process, fresh connection, median of ${result.rounds} ` +
      'rounds (assemble: assembleHost for wharf servers, importing the extension modules ' +
      'for import-floor; RSS: when listening)',
    [
      'server',
      'start-up ms',
      'assemble ms',
      'RSS MB',
      'first ms',
      'second ms',
      'first/second',
      `first/${baseline}`
    ],
    result.servers.map((server) => [
      server.name,
      round(server.medianStartupMs),
      server.medianPhases.assembleMs === undefined ? '-' : round(server.medianPhases.assembleMs),
      server.medianRssBytes === null ? '-' : round(server.medianRssBytes / 2 ** 20),
      round(server.medianFirstMs, 2),
      round(server.medianSecondMs, 2),
      round(server.firstOverSecond, 2),
      server.firstOverBaseline === null ? '-' : round(server.firstOverBaseline, 2)
    ])
  );
}

function cliTable(result: CliResult): string {
  return renderTable(
    `command line: whole fresh process, spawn to exit, median of ${result.rounds} rounds ` +
      '(floor: node -e 0 in the same rounds)',
    ['command', 'median ms', 'min', 'max', 'over floor'],
    result.commands.map((command) => [
      command.name,
      round(command.medianMs),
      round(Math.min(...command.samplesMs)),
      round(Math.max(...command.samplesMs)),
      round(command.overFloor, 2)
    ])
  );
}

function targetsTable(targets: readonly TargetResult[]): string {
  return renderTable(
    'targets (ratios: median of per-round ratios; CPU: the same ratio from CPU per request)',
    ['target', 'value', 'CPU', 'limit', 'result'],
    targets.map((target) => [
      target.name,
      round(target.value, 2),
      target.cpuValue === undefined ? '' : optional(target.cpuValue, 2),
      `${target.comparison} ${target.limit}`,
      target.pass ? 'PASS' : 'FAIL'
    ])
  );
}

/** Per-round values rounded to 2 decimals, a bar between the rounds of two processes. */
export function byProcess(values: readonly number[], roundProcesses: readonly number[]): string {
  return values
    .map((value, index) => {
      const text = String(round(value, 2));
      return index > 0 && roundProcesses[index] !== roundProcesses[index - 1] ? `| ${text}` : text;
    })
    .join(' ');
}

/** A number rounded to `digits`, or `-` when unknown. */
function optional(value: number | null, digits: number): number | string {
  return value === null ? '-' : round(value, digits);
}
