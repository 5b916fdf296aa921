/**
 * What the chaos run reports: one row per measured figure (scenario, metric, value, target,
 * PASS/FAIL), printed as one table; the run fails when any row fails. A scenario that
 * cannot run at all (the host refuses its configuration, a process will not start) is one
 * failing row naming why, and the other scenarios still run.
 */
import { renderTable } from '../bench/harness/table.js';

/** One figure of a scenario. */
export interface ChaosRow {
  scenario: string;
  metric: string;
  value: string | number;
  /** The target in words (`0`, `> 0`, `<= 1000 ms`); `-` for a figure given for context. */
  target: string;
  /** null for a figure given for context, without a target. */
  pass: boolean | null;
}

/** A scenario: a name and a run that measures and judges its figures. */
export interface Scenario {
  name: string;
  run(log: (line: string) => void): Promise<ChaosRow[]>;
}

/** A row builder bound to one scenario's name. */
export function rowsOf(scenario: string) {
  return (
    metric: string,
    value: string | number,
    target: string,
    pass: boolean | null
  ): ChaosRow => ({ scenario, metric, value, target, pass });
}

/** Runs a scenario; a thrown error becomes one failing row. */
export async function runScenario(
  scenario: Scenario,
  log: (line: string) => void
): Promise<ChaosRow[]> {
  try {
    return await scenario.run(log);
  } catch (error) {
    const reason = (error as Error).message.split('\n').find((line) => line.trim()) ?? '';
    return [rowsOf(scenario.name)('scenario ran', `no: ${reason.slice(0, 120)}`, 'yes', false)];
  }
}

/** The report table. */
export function renderReport(rows: readonly ChaosRow[]): string {
  const verdict = (pass: boolean | null): string => (pass === null ? '-' : pass ? 'PASS' : 'FAIL');
  return `${renderTable(
    'chaos run',
    ['SCENARIO', 'METRIC', 'VALUE', 'TARGET', 'RESULT'],
    rows.map((row) => [row.scenario, row.metric, String(row.value), row.target, verdict(row.pass)])
  )}\n`;
}
