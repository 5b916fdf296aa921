/**
 * wharf with the bundled compute extensions over a fresh SQLite file (under the fixtures
 * root, one per process), full default pipeline. Before it announces its port it creates
 * the given number of servers through its own API (`POST /v2.1/servers` as the project
 * `bench`), so a listing has something to list, and pins the first of them
 * (shown-server.ts), so `GET /v2.1/servers/{id}` has a known path. Argument: how many servers to create
 * first (default 0). The project's quotas are unlimited: the create scenario makes
 * thousands of servers, far past nova's default of 10 instances.
 */
import { join } from 'node:path';
import { announceListening, BENCH_HOST } from './announce.js';
import { pinShownServer } from './shown-server.js';
import { startWharf } from './wharf-host.js';
import { fixturesRoot } from '../wharf/fixtures.js';
import { BENCH_TOKEN, serverCreateBody } from '../wharf/wharf-requests.js';

/** Creates at most this many servers at a time while seeding. */
const SEED_CONCURRENCY = 4;

const seed = Number(process.argv[2] ?? '0');
if (!Number.isInteger(seed) || seed < 0) {
  throw new Error(`the server count must be a non-negative integer, not "${process.argv[2]}"`);
}
const database = join(fixturesRoot(), `compute-${process.pid}.sqlite`);
const { port, phases } = await startWharf({
  overrides: {
    'database.connection': `sqlite:${database}`,
    'quota.instances': '-1',
    'quota.cores': '-1',
    'quota.ram': '-1'
  }
});

async function createServer(index: number): Promise<void> {
  const response = await fetch(`http://${BENCH_HOST}:${port}/v2.1/servers`, {
    method: 'POST',
    headers: { 'x-auth-token': BENCH_TOKEN, 'content-type': 'application/json' },
    body: serverCreateBody(`seed-${index}`)
  });
  const body = await response.text();
  if (response.status !== 202)
    throw new Error(`seeding server ${index}: ${response.status} ${body}`);
}

let next = 0;
await Promise.all(
  Array.from({ length: Math.min(SEED_CONCURRENCY, seed) }, async () => {
    while (next < seed) await createServer(next++);
  })
);
if (seed > 0) pinShownServer(database);
announceListening(port, phases);
