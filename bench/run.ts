/**
 * `npm run bench`: load-extensions, HTTP throughput, first request and the command line, in
 * that order; progress on standard error, the report on standard output, the JSON in
 * bench/results/latest.json. See docs/performance.md.
 */
import { runCliCommands } from './cli-commands.js';
import { runFirstRequest } from './harness/first-request.js';
import { machineInfo } from './harness/machine-info.js';
import { parseOptions, USAGE } from './harness/options.js';
import { renderReport, writeResults, type BenchResults } from './harness/report.js';
import { runThroughput } from './harness/throughput.js';
import { runLoadExtensions } from './load-extensions.js';
import { BASELINE_SERVER, SERVER_SPECS, THROUGHPUT_RATIOS } from './scenarios.js';
import { evaluateTargets } from './targets.js';
import { prepareFixtures } from './wharf/fixtures.js';

const options = parseOptions(process.argv.slice(2));
if (options.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const specs = SERVER_SPECS.filter(
  (spec) => options.servers.length === 0 || options.servers.includes(spec.name)
);
const unknown = options.servers.filter((name) => !SERVER_SPECS.some((spec) => spec.name === name));
if (unknown.length > 0) throw new Error(`unknown server(s): ${unknown.join(', ')}`);

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};
const { profile, node, sections } = options;
const results: BenchResults = {
  machine: await machineInfo(node),
  quick: options.quick,
  profile
};
if (sections.includes('load')) {
  results.loadExtensions = await runLoadExtensions(node, profile.loadRounds, log);
}
const removeFixtures = await prepareFixtures(specs, node);
try {
  if (sections.includes('http')) {
    results.throughput = await runThroughput(specs, THROUGHPUT_RATIOS, node, profile, log);
  }
  if (sections.includes('first')) {
    results.firstRequest = await runFirstRequest(specs, BASELINE_SERVER, node, profile, log);
  }
} finally {
  await removeFixtures();
}
if (sections.includes('cli')) {
  results.cli = await runCliCommands(node, profile.cliRounds, log);
}
results.targets = [
  ...(results.loadExtensions?.targets ?? []),
  ...evaluateTargets(results),
  ...(results.cli?.targets ?? [])
];
process.stdout.write(renderReport(results));
log(`results written to ${await writeResults(results, options.resultsFile)}`);
