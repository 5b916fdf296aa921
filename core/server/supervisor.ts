/**
 * The primary of `wharf serve`: it serves nothing, it keeps N workers serving (see
 * workers.ts for the whole contract).
 *
 * - A worker that dies is replaced, at once unless deaths come in quick succession
 *   (restart-backoff.ts).
 * - A worker that reports an uncaught exception (`faulted`) keeps accepting until its
 *   replacement is ready, then is told to drain: it stops accepting, finishes its requests
 *   and exits. The port never lacks a listener, even with one worker.
 * - A worker that exits before any worker was ever ready means the service cannot start (a
 *   port in use, a bad manifest): every worker is stopped and the primary exits with that
 *   worker's status, as one process would have.
 * - SIGTERM or SIGINT is forwarded to every worker; the primary exits once all have exited,
 *   with 0 or the first non-zero status a worker exited with; workers still running after
 *   the drain timeout plus a margin are killed (exit 1); a second signal kills them at once.
 * - SIGHUP is forwarded to every worker (see reload-signal.ts).
 */
import cluster, { type Worker } from 'node:cluster';
import type { Logger } from '../logger.js';
import { forwardReloadToWorkers } from './reload-signal.js';
import { RestartBackoff, type RestartBackoffOptions } from './restart-backoff.js';
import { STOP_SIGNALS } from './signal-handlers.js';
import { answerScrapes } from '../api/cluster-metrics.js';
import { isWorkerMessage, type DrainMessage } from './worker-messages.js';
import { workerExecArgv } from './worker-heap.js';

/** Time a stopping primary grants its workers beyond their drain timeout. */
export const WORKER_STOP_MARGIN_MS = 5_000;

/** Longest a faulted worker keeps accepting while its replacement starts. */
export const REPLACEMENT_WAIT_MS = 30_000;

/** How the primary supervises its workers. */
export interface SupervisorOptions {
  /** Where workers' exits and restarts are logged. */
  logger: Logger;
  /** The drain timeout each worker applies to its servers. */
  drainTimeoutMs: number;
  /** Tuning of the replacement backoff; by default a streak of N deaths is free. */
  backoff?: RestartBackoffOptions;
}

const DRAIN: DrainMessage = { wharf: 'drain' };

/** Forks and supervises `count` workers until stopped by a signal. */
export class Supervisor {
  readonly #count: number;
  readonly #logger: Logger;
  readonly #drainTimeoutMs: number;
  readonly #backoff: RestartBackoff;
  readonly #live = new Set<Worker>();
  readonly #ready = new Set<Worker>();
  /** Faulted workers: the replacement each waits for, or null once told to drain. */
  readonly #faulted = new Map<Worker, Worker | null>();
  readonly #timers = new Set<NodeJS.Timeout>();
  #everReady = false;
  #stopExitCode: number | undefined;

  constructor(count: number, options: SupervisorOptions) {
    this.#count = count;
    this.#logger = options.logger;
    this.#drainTimeoutMs = options.drainTimeoutMs;
    this.#backoff = new RestartBackoff({ freeRestarts: count, ...options.backoff });
  }

  /** Installs the signal handlers and forks the workers. */
  start(): void {
    // Round-robin hands each connection from the primary to a worker over IPC, one
    // acknowledgement at a time: with one worker that only slows accepting (1200 new
    // connections took seconds). One worker listens on the shared socket itself instead.
    if (this.#count === 1) cluster.schedulingPolicy = cluster.SCHED_NONE;
    cluster.setupPrimary({ execArgv: workerExecArgv(process.execArgv) });
    cluster.on('exit', (worker, code, signal) => this.#exited(worker, code, signal));
    for (const signal of STOP_SIGNALS) process.on(signal, (name) => this.#signalled(name));
    forwardReloadToWorkers(this.#logger);
    for (let i = 0; i < this.#count; i += 1) this.#fork();
  }

  #fork(): Worker {
    const worker = cluster.fork();
    this.#live.add(worker);
    answerScrapes(worker);
    worker.on('message', (message: unknown) => {
      if (!isWorkerMessage(message)) return;
      if (message.wharf === 'ready') this.#becameReady(worker);
      else if (message.wharf === 'faulted') this.#replaceFaulted(worker);
    });
    this.#logger.info(`started worker ${worker.id}`, { pid: worker.process.pid });
    return worker;
  }

  #becameReady(worker: Worker): void {
    this.#ready.add(worker);
    this.#everReady = true;
    for (const [old, replacement] of this.#faulted) {
      if (replacement === worker) this.#drain(old);
    }
  }

  #replaceFaulted(worker: Worker): void {
    if (this.#faulted.has(worker) || !this.#live.has(worker)) return;
    if (this.#stopExitCode !== undefined) return void this.#faulted.set(worker, null);
    const replacement = this.#fork();
    this.#faulted.set(worker, replacement);
    this.#logger.warn(
      `worker ${worker.id} had an uncaught exception; it drains once worker ${replacement.id} is ready`,
      { pid: worker.process.pid }
    );
    this.#later(REPLACEMENT_WAIT_MS, () => this.#drain(worker));
  }

  #drain(worker: Worker): void {
    if (!this.#faulted.get(worker)) return;
    this.#faulted.set(worker, null);
    if (worker.isConnected()) worker.send(DRAIN);
  }

  #exited(worker: Worker, code: number, signal: string): void {
    this.#live.delete(worker);
    this.#ready.delete(worker);
    const how = signal ? `signal ${signal}` : `code ${code}`;
    const pid = worker.process.pid;
    const wasFaulted = this.#faulted.delete(worker);
    // A faulted worker waiting for this one must not wait for a replacement that died.
    for (const [old, replacement] of this.#faulted) {
      if (replacement === worker) this.#drain(old);
    }
    if (this.#stopExitCode !== undefined) {
      this.#logger.info(`worker ${worker.id} exited (${how})`, { pid });
      // A worker whose drain was cut (or failed) makes the whole stop say so; a faulted
      // worker's status only says that it faulted, which its replacement made up for.
      if (this.#stopExitCode === 0 && code && !wasFaulted) this.#stopExitCode = code;
      if (this.#live.size === 0) process.exit(this.#stopExitCode);
    } else if (wasFaulted) {
      this.#logger.info(`faulted worker ${worker.id} exited (${how}) after draining`, { pid });
    } else if (!this.#everReady) {
      this.#logger.error(
        `worker ${worker.id} exited (${how}) before any worker was serving; stopping`,
        {
          pid
        }
      );
      this.#stop('SIGTERM', code || 1);
    } else {
      this.#replace(worker, how);
    }
  }

  #replace(worker: Worker, how: string): void {
    const delay = this.#backoff.delayAfterDeath();
    const when = delay > 0 ? ` in ${delay} ms` : '';
    this.#logger.warn(`worker ${worker.id} died (${how}); replacing it${when}`, {
      pid: worker.process.pid
    });
    if (delay === 0) this.#fork();
    else this.#later(delay, () => this.#fork());
  }

  #signalled(signal: NodeJS.Signals): void {
    if (this.#stopExitCode !== undefined) {
      this.#logger.warn(`received ${signal} again; killing the workers`);
      this.#killAll();
      process.exit(1);
    }
    this.#logger.info(`received ${signal}; stopping ${this.#live.size} workers`);
    this.#stop(signal, 0);
  }

  #stop(signal: NodeJS.Signals, exitCode: number): void {
    this.#stopExitCode = exitCode;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    if (this.#live.size === 0) process.exit(exitCode);
    for (const worker of this.#live) worker.process.kill(signal);
    const patienceMs = this.#drainTimeoutMs + WORKER_STOP_MARGIN_MS;
    setTimeout(() => {
      this.#logger.error(`workers still running ${patienceMs} ms after ${signal}; killing them`, {
        pids: [...this.#live].map((worker) => worker.process.pid)
      });
      this.#killAll();
      process.exit(1);
    }, patienceMs);
  }

  #later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      run();
    }, ms);
    this.#timers.add(timer);
  }

  #killAll(): void {
    for (const worker of this.#live) worker.process.kill('SIGKILL');
  }
}
