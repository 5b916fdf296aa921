/**
 * A benchmark server in its own child process: spawned with the chosen Node binary, ready
 * once it prints its announcement line (see servers/announce.ts), stopped with SIGTERM.
 * Every child still alive when the harness exits is killed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { parseAnnouncement } from '../servers/announce.js';
import type { ServerSpec } from '../scenarios.js';

/** A started server. */
export interface RunningServer {
  spec: ServerSpec;
  port: number;
  /** Milliseconds from spawning the process to reading its announcement. */
  startupMs: number;
  /** `performance.now()` when the announcement was read. */
  listeningAt: number;
  /** Stops the process and resolves once it has exited. */
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 5_000;
const children = new Set<ChildProcess>();

process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

/** Spawns `spec` with `node` and resolves once it listens. */
export function startServer(spec: ServerSpec, node: string): Promise<RunningServer> {
  const spawnedAt = performance.now();
  const child = spawn(node, [spec.script, ...spec.args], {
    env: { ...process.env, ...spec.env },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  children.add(child);
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  return new Promise((resolve, reject) => {
    const fail = (reason: string): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`server ${spec.name} (${spec.script}) ${reason}\n${stderr}`));
    };
    const timer = setTimeout(
      () => fail(`did not listen within ${START_TIMEOUT_MS} ms`),
      START_TIMEOUT_MS
    );
    child.once('error', (error) => fail(`could not start: ${error.message}`));
    child.once('exit', (code, signal) => fail(`exited before listening (${signal ?? code})`));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const port = parseAnnouncement(line);
      if (port === undefined) return;
      const listeningAt = performance.now();
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({
        spec,
        port,
        startupMs: listeningAt - spawnedAt,
        listeningAt,
        stop: () => stopChild(child)
      });
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  children.delete(child);
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
