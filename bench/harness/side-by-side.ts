/**
 * The README's Performance table: the targets of two runs (one per Node version) side by
 * side, as a Markdown table. A target either run left out shows `-` in that run's column.
 */
import type { BenchResults } from './report.js';
import { round } from './stats.js';

/** One run to show: its results and the column heading (e.g. `Node 20.20.2`). */
export interface SideBySideRun {
  heading: string;
  results: BenchResults;
}

/** The column heading of a run: the Node its servers ran on. */
export function runHeading(results: BenchResults): string {
  return `Node ${results.machine.childNode.replace(/^v/, '')}`;
}

/** Renders the targets of `runs` as one Markdown table, in the order they first appear. */
export function renderSideBySide(runs: readonly SideBySideRun[]): string {
  const names: string[] = [];
  for (const { results } of runs) {
    for (const target of results.targets ?? []) {
      if (!names.includes(target.name)) names.push(target.name);
    }
  }
  const header = ['target', ...runs.map((run) => run.heading), 'limit'];
  const rows = names.map((name) => {
    const found = runs.map((run) => run.results.targets?.find((target) => target.name === name));
    const limit = found.find((target) => target !== undefined)!;
    return [
      name,
      ...found.map((target) =>
        target === undefined ? '-' : `${round(target.value, 2)} ${target.pass ? 'PASS' : 'FAIL'}`
      ),
      `${limit.comparison} ${limit.limit}`
    ];
  });
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
