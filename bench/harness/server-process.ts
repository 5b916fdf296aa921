/**
 * A benchmark server in its own child process: spawned with the chosen Node binary, ready
 * once it prints its announcement line (see servers/announce.ts), stopped with SIGTERM.
 * Every child still alive when the harness exits is killed. Its resident memory is read
 * from `/proc` the moment it announces (null where there is no `/proc`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { parseAnnouncement, type StartupPhases } from '../servers/announce.js';
import { cpuMs, helperThreadsCpuMs } from './proc-cpu.js';
import type { ServerSpec } from '../scenarios.js';

/** A started server. */
export interface RunningServer {
  spec: ServerSpec;
  port: number;
  /** The process id; null when the system gave none. */
  pid: number | null;
  /** Milliseconds from spawning the process to reading its announcement. */
  startupMs: number;
  /** `performance.now()` when the announcement was read. */
  listeningAt: number;
  /** The start-up phases the server reported about itself (may be empty). */
  phases: StartupPhases;
  /** Resident memory of the process when it announced, in bytes; null when unknown. */
  rssBytes: number | null;
  /**
   * CPU time (user + system) the process and its live children have used so far, in ms;
   * null when unknown.
   */
  cpuMs(): number | null;
  /**
   * The part of `cpuMs` the process's other threads than its main one have used (V8's
   * garbage collector and compiler threads, libuv's pool), in ms; null when unknown.
   */
  helperCpuMs(): number | null;
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
  const child = spawn(node, [...(spec.nodeArgs ?? []), spec.script, ...spec.args], {
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
      const announced = parseAnnouncement(line);
      if (announced === undefined) return;
      const listeningAt = performance.now();
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({
        spec,
        port: announced.port,
        pid: child.pid ?? null,
        startupMs: listeningAt - spawnedAt,
        listeningAt,
        phases: announced.phases,
        rssBytes: residentBytes(child.pid),
        cpuMs: () => cpuMs(child.pid),
        helperCpuMs: () => helperThreadsCpuMs(child.pid),
        stop: () => stopChild(child)
      });
    });
  });
}

/** VmRSS of a live process from `/proc/PID/status`; null off Linux or once it is gone. */
function residentBytes(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status)?.[1];
    return kib === undefined ? null : Number(kib) * 1024;
  } catch {
    return null;
  }
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
