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
 * Every sub-rule a handler declares (`@wsgi.policy(rule, ...subRules)`: all tenants, another
 * project's limits, another side's lock) is tried on its own: administrators pass it and
 * members and readers are refused by it under the defaults, and administrators are refused
 * too on a second host whose policy file closes every sub-rule, so it is that rule, by name,
 * that decides.
 *
 * "Other project" means: for a route on a resource that has an owner (a server, its
 * metadata, a keypair) the resource belongs to another project (and user); for a route on
 * a collection or the catalogue, the URL names another project (`/v2.1/{project}/...`).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { planOf } from '../../core/api/deployment-plan.js';
import { issueToken } from '../../core/host.js';
import { CIRROS, UNLIMITED_SERVERS } from './compute-servers-given.js';
import { faultProblem } from '../helpers/fault-shape.js';
import { givenTestHost, type Reply, type TestHost } from '../helpers/test-host.js';

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
});

/** How a declared sub-rule is put to the test: a request of `role` that needs it, on `on`. */
interface SubRuleProbe {
  /** The status of the request when the caller passes the sub-rule. */
  allowed: number;
  /** Roles a rule before the sub-rule already refuses, and that rule. */
  refusedBefore?: Partial<Record<Role, string>>;
  call(on: TestHost, role: Role): Promise<Reply>;
}

/** The caller's token in PROJECT. */
function callerToken(role: Role): string {
  return token(CALLERS[role].user, PROJECT, CALLERS[role].roles);
}

/** A GET of `path` by `role`. */
function getAs(path: string): SubRuleProbe['call'] {
  return (on, role) => on.call('GET', path, { token: callerToken(role) });
}

/**
 * Every sub-rule a bundled handler declares (`@wsgi.policy(rule, ...subRules)`), with the
 * request that makes the handler check it.
 */
const SUB_RULES: Record<string, SubRuleProbe> = {
  'os_compute_api:servers:index:get_all_tenants': {
    allowed: 200,
    call: getAs('/v2.1/servers?all_tenants=1')
  },
  'os_compute_api:servers:detail:get_all_tenants': {
    allowed: 200,
    call: getAs('/v2.1/servers/detail?all_tenants=1')
  },
  'os_compute_api:limits:other_project': {
    allowed: 200,
    call: getAs(`/v2.1/limits?tenant_id=${OTHER_PROJECT}`)
  },
  // A lock set from the other side: an administrator of another project locked the
  // caller's project's server.
  'os_compute_api:os-lock-server:unlock:unlock_override': {
    allowed: 202,
    // Readers may not unlock at all: the action's own rule refuses them first.
    refusedBefore: { reader: 'os_compute_api:os-lock-server:unlock' },
    async call(on, role) {
      const created = await on.call('POST', '/v2.1/servers', {
        token: token(CALLERS[role].user, PROJECT, ['member']),
        body: { server: { name: unique('locked'), imageRef: CIRROS, flavorRef: '1' } }
      });
      assert.equal(created.status, 202, created.text);
      const path = `/v2.1/servers/${created.body.server.id as string}/action`;
      const locked = await on.call('POST', path, {
        token: token('admin', 'ops', ['admin', 'member']),
        body: { lock: null }
      });
      assert.equal(locked.status, 202, locked.text);
      return on.call('POST', path, { token: callerToken(role), body: { unlock: null } });
    }
  }
};

/** The status `role` gets from `probe` on `on`, a 403 as `403 RULE` with the rule refusing. */
async function subRuleStatus(on: TestHost, probe: SubRuleProbe, role: Role): Promise<string> {
  const reply = await probe.call(on, role);
  if (reply.status !== 403) return String(reply.status);
  const message = (reply.body as { forbidden?: { message?: string } }).forbidden?.message;
  const rule = /^Policy doesn't allow (\S+) to be performed\.$/.exec(message ?? '')?.[1];
  assert.ok(rule !== undefined, reply.text);
  return `403 ${rule}`;
}

describe('policy matrix: sub-rules', () => {
  /** The host whose policy file closes every declared sub-rule (`!`: nobody passes). */
  let closed: TestHost;
  let dir: string;
  const declared = (): string[] => {
    const plan = planOf(host.host.router);
    return [...plan.routes, ...plan.actions, ...(plan.processors ?? [])]
      .flatMap((entry) => entry.policy?.subRules ?? [])
      .map((sub) => sub.rule);
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wharf-policy-matrix-'));
    const policyFile = join(dir, 'policy.json');
    writeFileSync(policyFile, JSON.stringify(Object.fromEntries(declared().map((r) => [r, '!']))));
    closed = await givenTestHost({
      'api.auth_strategy': 'token',
      'auth.token_secret': SECRET,
      'policy.policy_file': policyFile,
      ...UNLIMITED_SERVERS
    });
  });
  after(async () => {
    await closed.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('has one row for every sub-rule the live host declares, and no other', () => {
    assert.deepEqual(Object.keys(SUB_RULES).sort(), [...new Set(declared())].sort());
  });

  for (const [subRule, probe] of Object.entries(SUB_RULES)) {
    test(`${subRule}: administrators pass it by default, nobody once it is closed`, async () => {
      const got: Record<string, string> = {};
      for (const role of ROLES) got[role] = await subRuleStatus(host, probe, role);
      got['admin, closed'] = await subRuleStatus(closed, probe, 'admin');
      const refused = (role: Role): string => `403 ${probe.refusedBefore?.[role] ?? subRule}`;
      assert.deepEqual(got, {
        admin: String(probe.allowed),
        member: refused('member'),
        reader: refused('reader'),
        'admin, closed': `403 ${subRule}`
      });
    });
  }
});
