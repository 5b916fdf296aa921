/**
 * One process of the open race (open-race.ts): opens, migrates and warms the compute
 * databases `DIR/0.sqlite`, `DIR/1.sqlite`, ... as the compute extensions do before the
 * host listens (`ComputeServices.prepare`), the k-th at START + k * PERIOD + (k % 10) * STEP
 * ms (waited for busily, to the microsecond): every process of the race opens each file at
 * about the same moment, their gaps swept over ten files. Prints one JSON line per file it could not open, naming
 * the error codes and the frames of the SQLite call (which statement of which step).
 * Usage: node open-race-child.js DIR FILES START_EPOCH_MS PERIOD_MS STEP_MS
 */
import { join } from 'node:path';
import { createLogger, loadHostConfig } from '../core/host.js';
import { EntryPointCatalog } from '../core/plugins/catalog.js';
import { ComputeServices } from '../extensions/compute/index.js';

const [dir = '', files, start, period, step] = process.argv.slice(2);
const catalog = await EntryPointCatalog.discover();
const logger = createLogger({ silent: true });
const services: ComputeServices[] = [];
for (let k = 0; k < Number(files); k++) {
  const connection = `sqlite:${join(dir, `${k}.sqlite`)}`;
  const config = await loadHostConfig({ env: { WHARF_DATABASE__CONNECTION: connection } });
  services.push(new ComputeServices(config, logger, catalog));
}
// Loaded now, so the processes reach the database together (prepare() would import it).
await import('../extensions/compute/backend.js');

const now = (): number => performance.timeOrigin + performance.now();
for (const [k, service] of services.entries()) {
  const at = Number(start) + k * Number(period) + (k % 10) * Number(step);
  while (now() < at);
  try {
    await service.prepare();
  } catch (error) {
    const cause = (error as Error).cause as Error & { code?: string };
    const frames = (cause?.stack ?? '')
      .split('\n')
      .filter((line) => line.includes('/dist/') || line.includes('node_modules'))
      .slice(0, 4)
      .map((line) => line.trim());
    const code = cause?.code ?? (cause?.cause as { code?: string } | undefined)?.code;
    const line = { file: k, message: (error as Error).message, code, frames };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
}
