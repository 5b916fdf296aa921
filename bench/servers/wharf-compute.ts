/**
 * wharf with the bundled compute extensions over a fresh SQLite file (under the fixtures
 * root, one per process), full default pipeline. Before it announces its port it creates
 * the given number of servers through its own API, so a listing has something to list,
 * and pins the first of them (shown-server.ts), so `GET /v2.1/servers/{id}` has a known
 * path. Argument: how many servers to create first (default 0).
 */
import { join } from 'node:path';
import { announceListening } from './announce.js';
import { computeOverrides, seedArgument, seedServers } from './compute-host.js';
import { pinShownServer } from './shown-server.js';
import { startWharf } from './wharf-host.js';
import { fixturesRoot } from '../wharf/fixtures.js';

const seed = seedArgument(2);
const database = join(fixturesRoot(), `compute-${process.pid}.sqlite`);
const { port, phases } = await startWharf({ overrides: computeOverrides(database) });
await seedServers(port, seed);
if (seed > 0) pinShownServer(database);
announceListening(port, phases);
