/**
 * `npm run bench:table -- A.json B.json`: the targets of two `npm run bench` result files
 * (written with `--results`, e.g. one run per Node version) side by side as the Markdown
 * table of README's Performance section.
 */
import { readFileSync } from 'node:fs';
import type { BenchResults } from './harness/report.js';
import { renderSideBySide, runHeading } from './harness/side-by-side.js';

const files = process.argv.slice(2);
if (files.length === 0) {
  process.stderr.write('usage: node dist/bench/side-by-side.js RESULTS.json [RESULTS.json ...]\n');
  process.exit(2);
}
const runs = files.map((file) => {
  const results = JSON.parse(readFileSync(file, 'utf8')) as BenchResults;
  return { heading: runHeading(results), results };
});
process.stdout.write(`${renderSideBySide(runs)}\n`);
