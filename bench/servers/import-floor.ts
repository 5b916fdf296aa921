/**
 * The floor under wharf's start-up: a process that does only the imports a wharf host
 * cannot avoid, then serves the widgets path with bare `node:http` (as node-http.ts). It
 * imports wharf's package root, registers the resolve hook that provides `wharf` to
 * drop-ins, and imports the N modules of the synthetic API extensions (all at
 * once, as wharf's managers do), and builds nothing: no discovery, no instances, no
 * routes, no pipeline. Its start-up is what Node's module loader alone costs for the same
 * files, so wharf's own start-up cost is the difference. Argument: the route count
 * (default 1000).
 */
import { createServer } from 'node:http';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { announceListening, boundPort, BENCH_HOST } from './announce.js';
import { routeCountArgument, serveWidget } from './widget-api.js';
import { ensureRoutesFixture } from '../wharf/fixtures.js';
import { PACKAGE } from '../wharf/generate-api-extensions.js';

const booted = performance.now();
await import('../../core/index.js');
const imported = performance.now();
const folder = join(await ensureRoutesFixture(routeCountArgument()), PACKAGE);
(await import('../../core/plugins/provide-wharf.js')).provideWharfTo(folder);
const modules = (await readdir(folder)).filter((file) => file.endsWith('.js'));
await Promise.all(modules.map((file) => import(pathToFileURL(join(folder, file)).href)));
const assembled = performance.now();

const server = createServer(serveWidget);
server.listen(0, BENCH_HOST, () => {
  announceListening(boundPort(server), {
    bootMs: booted,
    importMs: imported - booted,
    assembleMs: assembled - imported,
    listenMs: performance.now() - assembled
  });
});
