/**
 * The compute host of `wharf-compute.ts` served by N worker processes, as
 * `wharf serve --workers N` runs it: a primary supervising N workers (node:cluster), each
 * assembling the host and listening on the port they share. The primary waits until every
 * worker serves, creates the given number of servers through the API, then announces the
 * port. Arguments: the worker count, then how many servers to create first (default 0).
 *
 * The harness reads the CPU time of the primary and its children (see server-process.ts),
 * so CPU per request counts every worker.
 */
import cluster from 'node:cluster';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { announceListening } from './announce.js';
import { computeOverrides, seedArgument, seedServers } from './compute-host.js';
import { startWharf } from './wharf-host.js';
import { fixturesRoot } from '../wharf/fixtures.js';

/** The variable through which the primary tells its workers their database file. */
const DATABASE_ENV = 'WHARF_BENCH_DATABASE';

const workers = Number(process.argv[2]);
if (!Number.isInteger(workers) || workers < 1) {
  throw new Error(`the worker count must be a positive integer, not "${process.argv[2]}"`);
}
const seed = seedArgument(3);
if (cluster.isPrimary) {
  process.env[DATABASE_ENV] = join(fixturesRoot(), `compute-${process.pid}.sqlite`);
}

const wharf = await import('../../core/host.js');
let serving = 0;
const allServing = new Promise<number>((resolve) => {
  cluster.on('message', (_worker, message: { benchPort?: number }) => {
    if (typeof message?.benchPort === 'number' && ++serving === workers) resolve(message.benchPort);
  });
});
await wharf.runWorkers(
  workers,
  async () => {
    const { port } = await startWharf({ overrides: computeOverrides(process.env[DATABASE_ENV]!) });
    process.send?.({ benchPort: port });
  },
  {
    logger: wharf.createLogger({ stream: new Writable({ write: (_c, _e, done) => done() }) }),
    drainTimeoutMs: 10_000,
    supervise: true
  }
);
if (cluster.isPrimary) {
  const port = await allServing;
  await seedServers(port, seed);
  announceListening(port);
}
