/**
 * One process of the open race (open-race.ts): waits for the start time it is given (a
 * busy wait, to the microsecond), then opens, migrates and warms the compute database of
 * `connection` as the compute extensions do before the host listens
 * (`ComputeServices.prepare`). Prints `ok`, or one JSON line naming what failed: the error
 * codes and the frames of the SQLite call (which statement of which step).
 * Usage: node open-race-child.js CONNECTION START_EPOCH_MS
 */
import { createLogger, loadHostConfig } from '../core/host.js';
import { EntryPointCatalog } from '../core/plugins/catalog.js';
import { ComputeServices } from '../extensions/compute/index.js';

const [connection = '', startAt = '0'] = process.argv.slice(2);
const config = await loadHostConfig({ env: { WHARF_DATABASE__CONNECTION: connection } });
const catalog = await EntryPointCatalog.discover();
const services = new ComputeServices(config, createLogger({ silent: true }), catalog);
const now = (): number => performance.timeOrigin + performance.now();
while (now() < Number(startAt));
try {
  await services.prepare();
  process.stdout.write('ok\n');
} catch (error) {
  const cause = (error as Error).cause as Error & { code?: string };
  const frames = (cause?.stack ?? '')
    .split('\n')
    .filter((line) => line.includes('/dist/') || line.includes('node_modules'))
    .slice(0, 4)
    .map((line) => line.trim());
  const code = cause?.code ?? (cause?.cause as { code?: string } | undefined)?.code;
  process.stdout.write(`${JSON.stringify({ message: (error as Error).message, code, frames })}\n`);
  process.exitCode = 1;
}
