/**
 * What the compute benchmark servers share: the configuration of a host over a SQLite file
 * with unlimited quotas (the create scenario makes thousands of servers, far past nova's
 * default of 10 instances), and the seeding of servers through the host's own API
 * (`POST /v2.1/servers` as the project `bench`), so a listing has something to list.
 */
import { BENCH_HOST } from './announce.js';
import { BENCH_TOKEN, serverCreateBody } from '../wharf/wharf-requests.js';

/** Creates at most this many servers at a time while seeding. */
const SEED_CONCURRENCY = 4;

/** The configuration overrides of a compute host over the SQLite file `database`. */
export function computeOverrides(database: string): Record<string, string> {
  return {
    'database.connection': `sqlite:${database}`,
    'quota.instances': '-1',
    'quota.cores': '-1',
    'quota.ram': '-1'
  };
}

/** The seed count a compute server was given (its argument at `index`; default 0). */
export function seedArgument(index: number, argv: readonly string[] = process.argv): number {
  const seed = Number(argv[index] ?? '0');
  if (!Number.isInteger(seed) || seed < 0) {
    throw new Error(`the server count must be a non-negative integer, not "${argv[index]}"`);
  }
  return seed;
}

/** Creates `count` servers through the API of the host listening on `port`. */
export async function seedServers(port: number, count: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(SEED_CONCURRENCY, count) }, async () => {
      while (next < count) await createServer(port, next++);
    })
  );
}

async function createServer(port: number, index: number): Promise<void> {
  const response = await fetch(`http://${BENCH_HOST}:${port}/v2.1/servers`, {
    method: 'POST',
    headers: { 'x-auth-token': BENCH_TOKEN, 'content-type': 'application/json' },
    body: serverCreateBody(`seed-${index}`)
  });
  const body = await response.text();
  if (response.status !== 202)
    throw new Error(`seeding server ${index}: ${response.status} ${body}`);
}
