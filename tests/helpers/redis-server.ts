/**
 * A private Redis (Debian's `redis-server`) for the deployment tests: no persistence, a
 * temporary folder, a loopback port the helper picks. It can be stopped and started again
 * on the same port (the outage tests); it is killed when the suite removes it or the test
 * process exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

const REDIS_SERVER = '/usr/bin/redis-server';

/** A private Redis. */
export interface RedisServer {
  /** `redis://127.0.0.1:PORT`. */
  readonly url: string;
  /** Kills it (SIGKILL: connections are cut, as in a crash). */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
  /** Kills it and removes its folder. */
  remove(): Promise<void>;
}

/** The skip reason of a suite needing Redis, or false to run it (always under CI). */
export function redisSkip(): string | false {
  try {
    accessSync(REDIS_SERVER, constants.X_OK);
    return false;
  } catch {
    return process.env.CI
      ? false
      : 'Redis is not installed (apt-get install redis-server, or run .ci/run)';
  }
}

/** Starts a private Redis on a free loopback port. */
export async function givenRedisServer(): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'wharf-redis-'));
  const port = await freePort();
  let child: ChildProcess | null = null;
  const kill = () => {
    if (child !== null && child.exitCode === null && child.signalCode === null)
      child.kill('SIGKILL');
  };
  const removeNow = () => {
    kill();
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', removeNow);
  const start = async () => {
    const args = [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no'
    ];
    const started = spawn(REDIS_SERVER, [...args, '--dir', dir], {
      stdio: ['ignore', 'pipe', 'pipe']
    });
    child = started;
    let log = '';
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        log += chunk.toString();
        if (/Ready to accept connections/.test(log)) resolve();
      };
      started.stdout!.on('data', onData);
      started.stderr!.on('data', onData);
      started.once('exit', (code) => reject(new Error(`redis-server exited (${code}):\n${log}`)));
      started.once('error', (error) =>
        reject(new Error(`redis-server did not start (${error.message}); see .ci/run`))
      );
    });
  };
  const stop = async () => {
    const running = child;
    if (running === null || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    stop,
    start,
    async remove() {
      await stop();
      process.off('exit', removeNow);
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
