/**
 * How a benchmark server tells the harness where it listens: once listening on 127.0.0.1,
 * it prints one line `{"benchListening":{"port":N}}` on standard output, optionally with
 * the durations of its start-up phases (`"phases":{"assembleMs":...}`). The harness takes
 * the first such line and ignores any other output.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The host every benchmark server listens on. */
export const BENCH_HOST = '127.0.0.1';

/** Start-up phases a server measured itself, in milliseconds, by name. */
export type StartupPhases = Record<string, number>;

/** What an announcement line says. */
export interface Announcement {
  port: number;
  phases: StartupPhases;
}

/** Prints the announcement line for `port`, with the server's own start-up phases if any. */
export function announceListening(port: number, phases: StartupPhases = {}): void {
  process.stdout.write(`${JSON.stringify({ benchListening: { port, phases } })}\n`);
}

/** What an announcement line says, or undefined for any other line. */
export function parseAnnouncement(line: string): Announcement | undefined {
  if (!line.startsWith('{"benchListening"')) return undefined;
  const announced = (
    JSON.parse(line) as { benchListening?: { port?: unknown; phases?: StartupPhases } }
  ).benchListening;
  if (typeof announced?.port !== 'number') return undefined;
  return { port: announced.port, phases: announced.phases ?? {} };
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
