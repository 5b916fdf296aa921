/**
 * A private PostgreSQL cluster for the deployment tests (Debian's `postgresql` package): a
 * fresh `initdb` in a temporary folder, served on a loopback port the helper picks, trust
 * authentication, no other process sees it. It can be stopped and started again on the same
 * data and port (the outage tests), and is removed when the suite stops it or the test
 * process exits. PostgreSQL refuses to run as root, so as root it runs as `postgres`.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.js';

const run = promisify(execFile);
const POSTGRES_ROOT = '/usr/lib/postgresql';

/** A running private cluster. */
export interface PostgresServer {
  /** `postgresql://postgres@127.0.0.1:PORT/`, without a database name. */
  readonly baseUrl: string;
  /** Creates database `name` and returns its connection string. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server at once (`-m immediate`: connections are cut, as in a crash). */
  stop(): Promise<void>;
  /** Starts it again on the same data and port. */
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  remove(): Promise<void>;
}

/** The newest installed PostgreSQL's bin folder, or null. */
function postgresBin(): string | null {
  if (!existsSync(POSTGRES_ROOT)) return null;
  const versions = readdirSync(POSTGRES_ROOT)
    .filter((version) => existsSync(join(POSTGRES_ROOT, version, 'bin', 'initdb')))
    .sort((a, b) => Number(a) - Number(b));
  const newest = versions.at(-1);
  return newest === undefined ? null : join(POSTGRES_ROOT, newest, 'bin');
}

/** The skip reason of a suite needing PostgreSQL, or false to run it (always under CI). */
export function postgresSkip(): string | false {
  if (postgresBin() !== null || process.env.CI) return false;
  return 'PostgreSQL is not installed (apt-get install postgresql, or run .ci/run)';
}

/** Runs a PostgreSQL program, as `postgres` when this process is root. */
function asPostgres(program: string, args: string[]): Promise<unknown> {
  return run(...command(program, args));
}

function command(program: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0
    ? ['runuser', ['-u', 'postgres', '--', program, ...args]]
    : [program, args];
}

/** Creates and starts a private cluster on a free loopback port. */
export async function givenPostgresServer(): Promise<PostgresServer> {
  const bin = postgresBin();
  if (bin === null) throw new Error(`no PostgreSQL under ${POSTGRES_ROOT}`);
  const dir = mkdtempSync(join(tmpdir(), 'wharf-postgres-'));
  if (process.getuid?.() === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const data = join(dir, 'data');
  const port = await freePort();
  const pgCtl = join(bin, 'pg_ctl');
  await asPostgres(join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '-A',
    'trust',
    '--no-locale',
    '-E',
    'UTF8',
    '--no-sync'
  ]);
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c max_connections=200`;
  const start = async () => {
    await asPostgres(pgCtl, [
      '-D',
      data,
      '-l',
      join(dir, 'postgres.log'),
      '-w',
      '-t',
      '60',
      '-o',
      options,
      'start'
    ]);
  };
  const stop = async () => {
    await asPostgres(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
  };
  const removeNow = () => {
    process.off('exit', removeNow);
    try {
      execFileSync(...command(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']), {
        stdio: 'ignore'
      });
    } catch {
      // Already stopped.
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', removeNow);
  await start();
  const baseUrl = `postgresql://postgres@127.0.0.1:${port}/`;
  return {
    baseUrl,
    async createDatabase(name) {
      await asPostgres(join(bin, 'createdb'), [
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        '-U',
        'postgres',
        name
      ]);
      return `${baseUrl}${name}`;
    },
    stop,
    start,
    async remove() {
      await stop();
      process.off('exit', removeNow);
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
