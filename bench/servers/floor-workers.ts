/**
 * A floor server run by N worker processes on one port (node:cluster, as `wharf serve
 * --workers N` runs wharf): how far the same data work without a framework scales on this
 * machine, the ceiling for wharf's own `--workers` figure. Arguments: the worker count, the
 * floor script's file name in bench/servers/, then that script's own arguments. Each worker
 * runs the script as if started alone (its own fixtures, e.g. its own SQLite file); the
 * primary announces the shared port once every worker has announced its own.
 */
import cluster from 'node:cluster';
import { createInterface } from 'node:readline';
import { announceListening, parseAnnouncement } from './announce.js';

const [count, script, ...scriptArgs] = process.argv.slice(2);
const workers = Number(count);
if (!Number.isInteger(workers) || workers < 1 || script === undefined) {
  throw new Error('usage: floor-workers.js WORKERS SCRIPT [ARGS...]');
}
const scriptUrl = new URL(`./${script}`, import.meta.url);

if (cluster.isPrimary) {
  cluster.setupPrimary({ silent: true });
  const ports = await Promise.all(
    Array.from({ length: workers }, () => {
      const worker = cluster.fork();
      worker.process.stderr?.pipe(process.stderr);
      return new Promise<number>((resolve, reject) => {
        worker.once('exit', (code) => reject(new Error(`a floor worker exited with ${code}`)));
        createInterface({ input: worker.process.stdout! }).on('line', (line) => {
          const announced = parseAnnouncement(line);
          if (announced) resolve(announced.port);
        });
      });
    })
  );
  if (new Set(ports).size !== 1) throw new Error(`floor workers on several ports: ${ports}`);
  announceListening(ports[0]!);
} else {
  process.argv = [process.argv[0]!, scriptUrl.pathname, ...scriptArgs];
  await import(scriptUrl.href);
}
