/**
 * `npm run chaos` (never part of `npm test`): runs the scenarios against real `wharf serve`
 * processes, one after another: kill -9 durability, SIGTERM under keep-alive load,
 * quarantine of a faulty extension, overload, and processes opening one new SQLite file at
 * once. Progress goes to standard error, the table to standard output; the exit status is 1
 * when any row fails. `--only NAME[,NAME]` runs some of them (names: kill, sigterm,
 * quarantine, overload, open-race). See docs/reliability.md.
 */
import { killDurability } from './kill-durability.js';
import { openRace } from './open-race.js';
import { overload } from './overload.js';
import { quarantine } from './quarantine.js';
import { renderReport, runScenario, type ChaosRow, type Scenario } from './report.js';
import { sigtermDrain } from './sigterm-drain.js';

const SCENARIOS: Record<string, Scenario> = {
  kill: killDurability,
  sigterm: sigtermDrain,
  quarantine,
  overload,
  'open-race': openRace
};

const onlyAt = process.argv.indexOf('--only');
const chosen = onlyAt === -1 ? Object.keys(SCENARIOS) : (process.argv[onlyAt + 1] ?? '').split(',');
const unknown = chosen.filter((name) => !(name in SCENARIOS));
if (unknown.length > 0) {
  process.stderr.write(
    `unknown scenario(s): ${unknown.join(', ')}; known: ${Object.keys(SCENARIOS).join(', ')}\n`
  );
  process.exit(2);
}

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};
const rows: ChaosRow[] = [];
for (const name of chosen) {
  log(`chaos: ${name}...`);
  rows.push(...(await runScenario(SCENARIOS[name]!, log)));
}
process.stdout.write(`${new Date().toISOString()} node ${process.version}\n${renderReport(rows)}`);
process.exitCode = rows.some((row) => row.pass === false) ? 1 : 0;
