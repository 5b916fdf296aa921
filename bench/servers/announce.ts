/**
 * How a benchmark server tells the harness where it listens: once listening on 127.0.0.1,
 * it prints one line `{"benchListening":{"port":N}}` on standard output. The harness takes
 * the first such line and ignores any other output.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The host every benchmark server listens on. */
export const BENCH_HOST = '127.0.0.1';

/** Prints the announcement line for `port`. */
export function announceListening(port: number): void {
  process.stdout.write(`${JSON.stringify({ benchListening: { port } })}\n`);
}

/** The port of an announcement line, or undefined for any other line. */
export function parseAnnouncement(line: string): number | undefined {
  if (!line.startsWith('{"benchListening"')) return undefined;
  const port = (JSON.parse(line) as { benchListening?: { port?: unknown } }).benchListening?.port;
  return typeof port === 'number' ? port : undefined;
}

/** The port a listening server is bound to. */
export function boundPort(server: Server): number {
  return (server.address() as AddressInfo).port;
}

/** Listens on 127.0.0.1, a free port, then announces it. */
export function listenAndAnnounce(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, BENCH_HOST, () => {
      const port = boundPort(server);
      announceListening(port);
      resolve(port);
    });
  });
}
