/**
 * A real Keystone (Debian's `keystone` package) for the acceptance tests, in a temporary
 * folder: SQLite database, fernet keys, `keystone-manage db_sync`, `fernet_setup` and
 * `bootstrap`, then `keystone-wsgi-public` served by uWSGI (two processes, each loading
 * the app itself) on a loopback port the caller picked. The test users are made through Keystone's own API:
 *
 * - `admin` (bootstrap) in project `admin`, role `admin`;
 * - the service user `nova` in project `service`, role `admin`, for the filter;
 * - `demo` in project `demo`, role `member`, for the clients.
 *
 * The catalog (compute and image at wharf, identity) comes from a template file, so clients
 * find wharf through it. `stop` kills uWSGI's process group and keeps the folder, so `start`
 * serves the same Keystone (users, fernet keys, so the tokens it issued) on the same port
 * again (the outage tests); `remove` kills it and removes the folder, as the exit of the
 * test process does.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';

const run = promisify(execFile);

/** The programs the helper runs; uWSGI's python3 plugin serves Keystone's WSGI app. */
export const KEYSTONE_PROGRAMS = {
  manage: '/usr/bin/keystone-manage',
  wsgi: '/usr/bin/keystone-wsgi-public',
  uwsgi: '/usr/bin/uwsgi',
  uwsgiPython: '/usr/lib/uwsgi/plugins/python3_plugin.so'
} as const;

/** Passwords of the users the helper makes. */
export const KEYSTONE_USERS = {
  admin: { username: 'admin', password: 'admin-password', project: 'admin' },
  service: { username: 'nova', password: 'nova-service-password', project: 'service' },
  demo: { username: 'demo', password: 'demo-password', project: 'demo' }
} as const;

/** A running Keystone. */
export interface KeystoneServer {
  /** `http://127.0.0.1:PORT/v3`. */
  url: string;
  /** A project-scoped token of one of the users. */
  token(user: keyof typeof KEYSTONE_USERS): Promise<string>;
  /** Kills Keystone (all its processes, SIGKILL: as in a crash); its folder stays. */
  stop(): Promise<void>;
  /** Serves the same Keystone on the same port again, once it answers. */
  start(): Promise<void>;
  /** Kills Keystone and removes its folder. */
  remove(): Promise<void>;
}

/** The programs that are missing. */
export function missingKeystone(): string[] {
  return Object.values(KEYSTONE_PROGRAMS).filter((file) => {
    try {
      accessSync(file, constants.R_OK);
      return false;
    } catch {
      return true;
    }
  });
}

/** The skip reason of a suite needing Keystone, or false to run it (always under CI). */
export function keystoneSkip(): string | false {
  const missing = missingKeystone();
  if (missing.length === 0 || process.env.CI) return false;
  return `Keystone is not installed (${missing.join(', ')} missing); apt-get install keystone uwsgi-plugin-python3, or run .ci/run`;
}

/** `[keystone_authtoken]` options of a wharf host using the Keystone at `url`, by name. */
export function authtokenSettings(url: string): Record<string, string> {
  return {
    auth_url: url,
    username: KEYSTONE_USERS.service.username,
    password: KEYSTONE_USERS.service.password,
    project_name: KEYSTONE_USERS.service.project
  };
}

/** The same options as `section.option` overrides (`givenTestHost`). */
export function authtokenOptions(url: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(authtokenSettings(url)).map(([name, value]) => [
      `keystone_authtoken.${name}`,
      value
    ])
  );
}

/**
 * Configures, bootstraps and serves a fresh Keystone on 127.0.0.1:`port` (its URL is
 * `http://127.0.0.1:PORT/v3`), whose catalog lists compute (and image, which the clients
 * look images up in) at `computeUrl` (`http://HOST:PORT/v2.1`); at most about a minute.
 */
export async function givenKeystone(port: number, computeUrl: string): Promise<KeystoneServer> {
  const missing = missingKeystone();
  if (missing.length > 0)
    throw new Error(`Keystone is required but missing (${missing.join(', ')}); see .ci/run`);
  const dir = mkdtempSync(join(tmpdir(), 'wharf-keystone-'));
  const url = `http://127.0.0.1:${port}/v3`;
  const conf = join(dir, 'keystone.conf');
  writeFileSync(
    conf,
    [
      '[DEFAULT]',
      `log_file = ${join(dir, 'keystone.log')}`,
      '[database]',
      `connection = sqlite:///${join(dir, 'keystone.sqlite')}`,
      '[fernet_tokens]',
      `key_repository = ${join(dir, 'fernet-keys')}`,
      '[token]',
      'provider = fernet',
      ''
    ].join('\n')
  );
  writeFileSync(
    join(dir, 'catalog.templates'),
    [
      ['identity', 'keystone', url],
      ['compute', 'nova', computeUrl],
      ['image', 'glance', computeUrl]
    ]
      .flatMap(([type, name, endpoint]) => [
        `catalog.RegionOne.${type}.publicURL = ${endpoint}`,
        `catalog.RegionOne.${type}.name = ${name}`
      ])
      .join('\n') + '\n'
  );
  // The served Keystone reads its catalog from the file, written before it starts (no
  // admin calls). keystone-manage bootstrap writes the SQL catalog, so only the server
  // reads this part.
  const servedConf = join(dir, 'catalog.conf');
  writeFileSync(
    servedConf,
    `[catalog]\ndriver = templated\ntemplate_file = ${join(dir, 'catalog.templates')}\n`
  );
  const manage = (...args: string[]) =>
    run('/usr/bin/python3', [KEYSTONE_PROGRAMS.manage, '--config-file', conf, ...args], {
      timeout: 120_000
    });
  await Promise.all([
    manage('db_sync'),
    manage(
      'fernet_setup',
      '--keystone-user',
      String(process.getuid!()),
      '--keystone-group',
      String(process.getgid!())
    )
  ]);
  // Write-ahead logging: in SQLite's default journal mode a connection left in a read
  // transaction (Keystone leaves some) fails every other connection's write with "database
  // is locked"; in WAL mode readers never block the writer. The mode stays with the file.
  new Database(join(dir, 'keystone.sqlite')).pragma('journal_mode = WAL');
  await manage(
    'bootstrap',
    ...['--bootstrap-password', KEYSTONE_USERS.admin.password],
    ...['--bootstrap-public-url', url, '--bootstrap-region-id', 'RegionOne']
  );

  let child: ChildProcess | null = null;
  const stop = (): Promise<void> => killGroup(child);
  const removeNow = (): void => {
    process.off('exit', removeNow);
    void killGroup(child);
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', removeNow);
  const start = async (): Promise<void> => {
    child = serveKeystone(port, dir, [conf, servedConf]);
    await waitForKeystone(url, child);
  };

  try {
    await start();
    const api = new KeystoneApi(url, await issueToken(url, KEYSTONE_USERS.admin));
    const roles = await api.ids('roles');
    for (const user of [KEYSTONE_USERS.service, KEYSTONE_USERS.demo]) {
      const project = await api.create('projects', 'project', {
        name: user.project,
        domain_id: 'default'
      });
      const created = await api.create('users', 'user', {
        name: user.username,
        password: user.password,
        domain_id: 'default',
        default_project_id: project
      });
      const role = roles.get(user === KEYSTONE_USERS.service ? 'admin' : 'member')!;
      await api.send('PUT', `/projects/${project}/users/${created}/roles/${role}`);
    }
    return {
      url,
      token: (user) => issueToken(url, KEYSTONE_USERS[user]),
      stop,
      start,
      async remove() {
        await stop();
        removeNow();
      }
    };
  } catch (error) {
    removeNow();
    throw error;
  }
}

/** SIGKILLs the process group `child` leads; resolves once `child` exited (at once if it had). */
function killGroup(child: ChildProcess | null): Promise<void> {
  if (child === null || child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    // Already gone.
  }
  return exited;
}

/** Starts uWSGI serving Keystone's public app from `dir` on 127.0.0.1:`port`, in its own process group. */
function serveKeystone(port: number, dir: string, configFiles: string[]): ChildProcess {
  return spawn(
    KEYSTONE_PROGRAMS.uwsgi,
    [
      ...['--plugin', 'python3', '--http-socket', `127.0.0.1:${port}`],
      ...['--wsgi-file', KEYSTONE_PROGRAMS.wsgi, '--master', '--lazy-apps', '--processes', '2'],
      ...['--die-on-term', '--logto', join(dir, 'uwsgi.log')],
      // uWSGI's HTTP socket closes each connection after its response without saying so;
      // saying it keeps clients from sending the next request down a closed socket.
      ...['--add-header', 'Connection: close']
    ],
    {
      env: { ...process.env, OS_KEYSTONE_CONFIG_FILES: configFiles.join(';') },
      detached: true,
      stdio: 'ignore'
    }
  );
}

async function waitForKeystone(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`uwsgi serving Keystone exited (${child.exitCode})`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`Keystone did not answer at ${url} within 90 s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function issueToken(
  url: string,
  user: { username: string; password: string; project: string }
): Promise<string> {
  const res = await fetch(`${url}/auth/tokens?nocatalog`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      auth: {
        identity: {
          methods: ['password'],
          password: {
            user: { name: user.username, domain: { id: 'default' }, password: user.password }
          }
        },
        scope: { project: { name: user.project, domain: { id: 'default' } } }
      }
    })
  });
  const token = res.headers.get('x-subject-token');
  if (res.status !== 201 || token === null)
    throw new Error(`Keystone refused ${user.username}: ${res.status} ${await res.text()}`);
  return token;
}

/** Keystone's admin API, as the bootstrap admin. */
class KeystoneApi {
  constructor(
    private readonly url: string,
    private readonly token: string
  ) {}

  /**
   * One admin request. Keystone on SQLite now and then fails a write with "database is
   * locked" (a 500, or a connection closed without an answer); the write was rolled back,
   * so it is sent again, at most three times in all.
   */
  async send(method: string, path: string, body?: unknown, attempt = 1): Promise<any> {
    let failure: string;
    try {
      const res = await fetch(`${this.url}${path}`, {
        method,
        headers: { 'X-Auth-Token': this.token, 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) })
      });
      const text = await res.text();
      if (res.ok) return text === '' ? null : JSON.parse(text);
      failure = `${res.status} ${text}`;
      if (res.status < 500) attempt = Infinity;
    } catch (error) {
      failure = String((error as Error).cause ?? error);
    }
    if (attempt >= 3) throw new Error(`Keystone ${method} ${path}: ${failure}`);
    return this.send(method, path, body, attempt + 1);
  }

  /** Creates one `kind` (e.g. `projects`, key `project`) and returns its id. */
  async create(kind: string, key: string, fields: Record<string, unknown>): Promise<string> {
    return (await this.send('POST', `/${kind}`, { [key]: fields }))[key].id;
  }

  /** The ids of the `kind` by name. */
  async ids(kind: string): Promise<Map<string, string>> {
    const listed = (await this.send('GET', `/${kind}`))[kind] as { id: string; name: string }[];
    return new Map(listed.map(({ id, name }) => [name, id]));
  }
}
