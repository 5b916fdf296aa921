/**
 * The policy matrix: every route and action of the bundled API (taken from the live host's
 * routing table, so a new route without a row here fails), called by an administrator, a
 * member and a reader, each on their own project's resources and on another project's,
 * against an explicit table of the answers the default rules (extensions/compute/policy/
 * defaults.ts) give. Roles come from signed tokens (`[api] auth_strategy = token`): the
 * administrator holds `admin` and `member` as noauth2 gives the `admin` user, the member
 * `member`, the reader only `reader`. Readers read their project's resources and change
 * nothing (nova's secure-RBAC defaults).
 *
 * "Other project" means: for a route on a resource that has an owner (a server, its
 * metadata, a keypair) the resource belongs to another project (and user); for a route on
 * a collection or the catalogue, the URL names another project (`/v2.1/{project}/...`).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { issueToken } from '../../core/host.js';
import { CIRROS, UNLIMITED_SERVERS } from './compute-servers-given.js';
import { expectedFaultName, faultProblem } from '../helpers/fault-shape.js';
import { givenTestHost, type TestHost } from '../helpers/test-host.js';

const SECRET = 'policy-matrix-secret-of-enough-length';
const PROJECT = 'alpha';
const OTHER_PROJECT = 'beta';
const ED25519_KEY =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOdXapG7vypyDJrq45kGh1Ngweuf6RlHyV7Kg51SRu66 test@wharf';

type Role = 'admin' | 'member' | 'reader';
const ROLES: readonly Role[] = ['admin', 'member', 'reader'];
const CALLERS: Record<Role, { user: string; roles: string[] }> = {
  admin: { user: 'admin', roles: ['admin', 'member'] },
  member: { user: 'mia', roles: ['member'] },
  reader: { user: 'rita', roles: ['reader'] }
};

/** What must exist before the request, owned by the project (and user) of the scope. */
type Given = 'nothing' | 'server' | 'stopped' | 'paused' | 'suspended' | 'locked' | 'keypair';
/** Statuses on [own project, other project]. */
type Pair = readonly [own: number, other: number];

/** One matrix row: what the route needs, and what each role gets. */
interface Row {
  given: Given;
  /** Path parameters; SERVER and KEYPAIR stand for the given resource. */
  params?: Record<string, string>;
  body?: () => unknown;
  expect: Record<Role, Pair>;
}

const SERVER = '<server>';
const KEYPAIR = '<keypair>';
let serial = 0;
const unique = (prefix: string): string => `${prefix}-${(serial += 1)}`;

/** Anyone may use it on their own project; another project's URL is a 400. */
const OPEN: Row['expect'] = { admin: [200, 400], member: [200, 400], reader: [200, 400] };
/** Only administrators may; another project's URL is a 400 for everyone. */
const ADMIN_ONLY = (status: number): Row['expect'] => ({
  admin: [status, 400],
  member: [403, 400],
  reader: [403, 400]
});
/** Members and administrators may create in their own project; readers may not. */
const MEMBERS_CREATE = (status: number): Row['expect'] => ({
  admin: [status, 400],
  member: [status, 400],
  reader: [403, 400]
});
/** An owned resource read: its project and administrators reach it, others get 404. */
function owned(status: number): Row['expect'] {
  return { admin: [status, status], member: [status, 404], reader: [status, 404] };
}
/** An owned resource changed: as `owned`, but the owning project's readers get 403. */
function changed(status: number): Row['expect'] {
  return { admin: [status, status], member: [status, 404], reader: [403, 404] };
}
/** A server in `given` state answering `status` to its members and administrators. */
function action(given: Given, status = 202): Row {
  return { given, params: { id: SERVER }, expect: changed(status) };
}

/** The answers the default rules give, by route (`METHOD /path` or `... [action]`). */
const MATRIX: Record<string, Row> = {
  'GET /extensions': { given: 'nothing', expect: OPEN },
  'GET /extensions/{id}': { given: 'nothing', params: { id: 'os-keypairs' }, expect: OPEN },
  'GET /flavors': { given: 'nothing', expect: OPEN },
  'GET /flavors/detail': { given: 'nothing', expect: OPEN },
  'GET /flavors/{id}': { given: 'nothing', params: { id: '1' }, expect: OPEN },
  'GET /flavors/{flavor_id}/os-extra_specs': {
    given: 'nothing',
    params: { flavor_id: '1' },
    expect: OPEN
  },
  // The catalogue seeds no extra specs: the key is missing for everyone allowed to look.
  'GET /flavors/{flavor_id}/os-extra_specs/{id}': {
    given: 'nothing',
    params: { flavor_id: '1', id: 'hw:cpu_policy' },
    expect: { admin: [404, 400], member: [404, 400], reader: [404, 400] }
  },
  'GET /images': { given: 'nothing', expect: OPEN },
  'GET /images/detail': { given: 'nothing', expect: OPEN },
  'GET /images/{id}': { given: 'nothing', params: { id: CIRROS }, expect: OPEN },
  'GET /v2/images': { given: 'nothing', expect: OPEN },
  'GET /v2/images/{id}': { given: 'nothing', params: { id: CIRROS }, expect: OPEN },
  'GET /os-keypairs': { given: 'nothing', expect: OPEN },
  'POST /os-keypairs': {
    given: 'nothing',
    body: () => ({ keypair: { name: unique('key'), public_key: ED25519_KEY } }),
    expect: MEMBERS_CREATE(200)
  },
  // Keypairs belong to a user: another user's name is not found, administrators included.
  'GET /os-keypairs/{id}': {
    given: 'keypair',
    params: { id: KEYPAIR },
    expect: { admin: [200, 404], member: [200, 404], reader: [200, 404] }
  },
  'DELETE /os-keypairs/{id}': {
    given: 'keypair',
    params: { id: KEYPAIR },
    // A reader is refused by policy before the key pair is looked up.
    expect: { admin: [202, 404], member: [202, 404], reader: [403, 403] }
  },
  'GET /servers': { given: 'nothing', expect: OPEN },
  'GET /servers/detail': { given: 'nothing', expect: OPEN },
  'POST /servers': {
    given: 'nothing',
    body: () => ({ server: { name: unique('vm'), imageRef: CIRROS, flavorRef: '1' } }),
    expect: MEMBERS_CREATE(202)
  },
  'GET /servers/{id}': { given: 'server', params: { id: SERVER }, expect: owned(200) },
  'PUT /servers/{id}': {
    given: 'server',
    params: { id: SERVER },
    body: () => ({ server: { name: 'renamed' } }),
    expect: changed(200)
  },
  'DELETE /servers/{id}': { given: 'server', params: { id: SERVER }, expect: changed(204) },
  'POST /servers/{id}/action [os-start]': action('stopped'),
  'POST /servers/{id}/action [os-stop]': action('server'),
  'POST /servers/{id}/action [reboot]': action('server'),
  'POST /servers/{id}/action [pause]': action('server'),
  'POST /servers/{id}/action [unpause]': action('paused'),
  'POST /servers/{id}/action [suspend]': action('server'),
  'POST /servers/{id}/action [resume]': action('suspended'),
  'POST /servers/{id}/action [lock]': action('server'),
  // unlock checks policy before it looks the server up (for unlock_override).
  'POST /servers/{id}/action [unlock]': {
    ...action('locked'),
    expect: { ...changed(202), reader: [403, 403] }
  },
  'GET /servers/{server_id}/metadata': {
    given: 'server',
    params: { server_id: SERVER },
    expect: owned(200)
  },
  'POST /servers/{server_id}/metadata': {
    given: 'server',
    params: { server_id: SERVER },
    body: () => ({ metadata: { added: 'yes' } }),
    expect: changed(200)
  },
  'PUT /servers/{server_id}/metadata': {
    given: 'server',
    params: { server_id: SERVER },
    body: () => ({ metadata: { only: 'this' } }),
    expect: changed(200)
  },
  'GET /servers/{server_id}/metadata/{id}': {
    given: 'server',
    params: { server_id: SERVER, id: 'k' },
    expect: owned(200)
  },
  'PUT /servers/{server_id}/metadata/{id}': {
    given: 'server',
    params: { server_id: SERVER, id: 'k' },
    body: () => ({ meta: { k: 'changed' } }),
    expect: changed(200)
  },
  'DELETE /servers/{server_id}/metadata/{id}': {
    given: 'server',
    params: { server_id: SERVER, id: 'k' },
    expect: changed(204)
  },
  'GET /limits': { given: 'nothing', expect: OPEN },
  'GET /os-quota-sets/{id}': { given: 'nothing', params: { id: PROJECT }, expect: OPEN },
  'GET /os-quota-sets/{id}/defaults': {
    given: 'nothing',
    params: { id: PROJECT },
    expect: OPEN
  },
  'GET /os-quota-sets/{id}/detail': { given: 'nothing', params: { id: PROJECT }, expect: OPEN },
  'PUT /os-quota-sets/{id}': {
    given: 'nothing',
    params: { id: PROJECT },
    body: () => ({ quota_set: { instances: -1 } }),
    expect: ADMIN_ONLY(200)
  },
  'DELETE /os-quota-sets/{id}': {
    given: 'nothing',
    params: { id: 'gamma' },
    expect: ADMIN_ONLY(202)
  },
  'GET /wharf/extensions': { given: 'nothing', expect: ADMIN_ONLY(200) },
  'GET /wharf/extensions/{id}': {
    given: 'nothing',
    params: { id: 'os-keypairs' },
    expect: ADMIN_ONLY(200)
  }
};

/** The body each action row sends. */
const ACTION_BODIES: Record<string, unknown> = {
  'os-start': { 'os-start': null },
  'os-stop': { 'os-stop': null },
  reboot: { reboot: { type: 'SOFT' } },
  pause: { pause: null },
  unpause: { unpause: null },
  suspend: { suspend: null },
  resume: { resume: null },
  lock: { lock: null },
  unlock: { unlock: null }
};

/** The action that puts a fresh server in each given state. */
const GIVEN_ACTIONS: Partial<Record<Given, string>> = {
  stopped: 'os-stop',
  paused: 'pause',
  suspended: 'suspend',
  locked: 'lock'
};

let host: TestHost;
before(async () => {
  host = await givenTestHost({
    'api.auth_strategy': 'token',
    'auth.token_secret': SECRET,
    ...UNLIMITED_SERVERS
  });
});
after(() => host.close());

function token(user: string, project: string, roles: string[]): string {
  return issueToken({ user, project, roles, ttlSeconds: 600 }, SECRET);
}

/** The key of a route listing row in MATRIX. */
function routeKey(route: { method: string; path: string; handler: string }): string {
  const action = /\[(.+)\]$/.exec(route.handler)?.[1];
  return `${route.method} ${route.path}${action === undefined ? '' : ` [${action}]`}`;
}

/** Creates what `row` needs as `user` of `project` (a member), returning its name or id. */
async function given(row: Row, user: string, project: string): Promise<string> {
  const owner = token(user, project, ['member']);
  if (row.given === 'nothing') return '';
  if (row.given === 'keypair') {
    const name = unique('kp');
    const reply = await host.call('POST', '/v2.1/os-keypairs', {
      token: owner,
      body: { keypair: { name, public_key: ED25519_KEY } }
    });
    assert.equal(reply.status, 200, reply.text);
    return name;
  }
  const created = await host.call('POST', '/v2.1/servers', {
    token: owner,
    body: { server: { name: 'given', imageRef: CIRROS, flavorRef: '1', metadata: { k: 'v' } } }
  });
  assert.equal(created.status, 202, created.text);
  const id = created.body.server.id as string;
  const act = GIVEN_ACTIONS[row.given];
  if (act !== undefined) {
    const reply = await host.call('POST', `/v2.1/servers/${id}/action`, {
      token: owner,
      body: ACTION_BODIES[act]
    });
    assert.equal(reply.status, 202, reply.text);
  }
  return id;
}

/** The status `role` gets for the route of `key`, on its own project or another. */
async function statusFor(key: string, row: Row, role: Role, scope: 'own' | 'other') {
  const { user, roles } = CALLERS[role];
  const ownsSomething = row.given !== 'nothing';
  const resource =
    scope === 'own' || !ownsSomething
      ? await given(row, user, PROJECT)
      : await given(row, 'olga', OTHER_PROJECT);
  const [method, template, actionName] = key.split(' ') as [string, string, string?];
  const path = template.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = row.params?.[name];
    assert.ok(value !== undefined, `${key}: no value for {${name}}`);
    return value === SERVER || value === KEYPAIR ? resource : value;
  });
  const prefix = scope === 'other' && !ownsSomething ? `/v2.1/${OTHER_PROJECT}` : '/v2.1';
  const body = actionName ? ACTION_BODIES[actionName.slice(1, -1)] : row.body?.();
  const reply = await host.call(method, `${prefix}${path}`, {
    token: token(user, PROJECT, roles),
    ...(body !== undefined ? { body } : {})
  });
  if (reply.status >= 400) {
    const problem = faultProblem(reply.status, reply.text);
    assert.equal(problem, null, `${role} ${scope} ${key}: ${reply.status} ${problem}`);
  }
  return reply.status;
}

describe('policy matrix', () => {
  test('has one row for every route and action of the live host, and no other', () => {
    const live = host.host.router.routes().map(routeKey).sort();
    assert.deepEqual(Object.keys(MATRIX).sort(), live);
  });

  for (const [key, row] of Object.entries(MATRIX)) {
    test(`${key} answers each role as the default rules say`, async () => {
      const got: Partial<Record<Role, Pair>> = {};
      for (const role of ROLES) {
        got[role] = [
          await statusFor(key, row, role, 'own'),
          await statusFor(key, row, role, 'other')
        ];
      }
      assert.deepEqual(got, row.expect);
    });
  }

  test('lists every project only for administrators (get_all_tenants)', async () => {
    const got: Record<string, [number, string | null]> = {};
    for (const role of ROLES) {
      const { user, roles } = CALLERS[role];
      const reply = await host.call('GET', '/v2.1/servers/detail?all_tenants=1', {
        token: token(user, PROJECT, roles)
      });
      got[role] = [reply.status, reply.status >= 400 ? Object.keys(reply.body)[0]! : null];
    }
    assert.deepEqual(got, {
      admin: [200, null],
      member: [403, expectedFaultName(403)],
      reader: [403, expectedFaultName(403)]
    });
  });

  test('lets only administrators lift a lock the other side set (unlock_override)', async () => {
    const got: Record<string, number> = {};
    for (const role of ROLES) {
      const { user, roles } = CALLERS[role];
      const id = await given({ given: 'server', expect: OPEN }, user, PROJECT);
      const locked = await host.call('POST', `/v2.1/servers/${id}/action`, {
        token: token('admin', 'ops', ['admin', 'member']),
        body: { lock: null }
      });
      assert.equal(locked.status, 202, locked.text);
      const reply = await host.call('POST', `/v2.1/servers/${id}/action`, {
        token: token(user, PROJECT, roles),
        body: { unlock: null }
      });
      got[role] = reply.status;
    }
    assert.deepEqual(got, { admin: 202, member: 403, reader: 403 });
  });
});
