import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, describe, test } from 'node:test';
import type { DeploymentPlan } from '../../core/api/deployment-plan.js';
import { runCli } from '../helpers/run-cli.js';

const DROPINS = fileURLToPath(new URL('../fixtures/openapi/dropins/', import.meta.url));

describe('wharf check --plan and --diff', () => {
  let dir: string;
  let planFile: string;
  let plan: DeploymentPlan;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wharf-plan-'));
    planFile = join(dir, 'plan.json');
    const result = await runCli(['check', '--plan', planFile]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    plan = JSON.parse(readFileSync(planFile, 'utf8')) as DeploymentPlan;
  });

  test('the plan lists extensions, routes with owners, actions, added fields and the range', () => {
    assert.equal(plan.format, 'wharf-plan/1');
    assert.ok(plan.extensions.some((e) => e.alias === 'OS-EXT-STS' && e.version === 1));
    assert.ok(
      plan.routes.some(
        (r) => r.method === 'GET' && r.path === '/servers/detail' && r.extension === 'servers'
      )
    );
    assert.ok(
      plan.actions.some(
        (a) =>
          a.collection === 'servers' &&
          a.action === 'os-start' &&
          a.extension === 'os-server-start-stop'
      )
    );
    assert.ok(
      plan.fields.some(
        (f) =>
          f.target === 'method detail' &&
          f.at === 'servers[]' &&
          f.field === 'OS-EXT-AZ:availability_zone'
      )
    );
    assert.deepEqual(Object.keys(plan.microversions), ['min', 'max']);
  });

  test('the plan records each route and action policy: rule, text, who passes', () => {
    const flavors = plan.routes.find((r) => r.method === 'GET' && r.path === '/flavors')!;
    assert.deepEqual(flavors.policy, {
      rule: 'os_compute_api:flavors',
      check: '@',
      allowed: ['anyone', 'reader', 'member', 'admin'],
      subRules: []
    });
    const reboot = plan.actions.find((a) => a.action === 'reboot')!;
    assert.deepEqual(reboot.policy, {
      rule: 'os_compute_api:servers:reboot',
      check: 'rule:project_member_or_admin',
      allowed: ['member', 'admin'],
      subRules: []
    });
  });

  test('the plan records the sub-rules a handler declares, with who passes each', () => {
    const servers = plan.routes.find((r) => r.method === 'GET' && r.path === '/servers')!;
    assert.deepEqual(servers.policy?.subRules, [
      {
        rule: 'os_compute_api:servers:index:get_all_tenants',
        check: 'rule:admin_api',
        allowed: ['admin']
      }
    ]);
    const unlock = plan.actions.find((a) => a.action === 'unlock')!;
    assert.deepEqual(
      unlock.policy?.subRules?.map((sub) => sub.rule),
      ['os_compute_api:os-lock-server:unlock:unlock_override']
    );
  });

  test('the plan records each pre- and post-processor with its policy', () => {
    const status = plan.processors!.filter((p) => p.extension === 'OS-EXT-STS');
    assert.deepEqual(
      status.map((p) => `${p.collection} ${p.target} ${p.phase}`),
      ['servers method detail post', 'servers method show post']
    );
    assert.deepEqual(status[0]!.policy, {
      rule: 'os_compute_api:os-extended-status',
      check: 'rule:project_reader_or_admin',
      allowed: ['reader', 'member', 'admin'],
      subRules: []
    });
    const diskConfig = plan.processors!.filter((p) => p.extension === 'OS-DCF');
    assert.ok(diskConfig.length >= 4, JSON.stringify(diskConfig));
    assert.ok(diskConfig.every((p) => p.policy?.rule === 'os_compute_api:os-disk-config'));
  });

  test('a tightened policy or sub-rule is breaking (exit 1), a loosened one additive', async () => {
    const policyFile = join(dir, 'policy.json');
    writeFileSync(
      policyFile,
      JSON.stringify({
        'os_compute_api:flavors': 'role:admin',
        'os_compute_api:servers:reboot': '',
        'os_compute_api:os-extended-status': 'rule:admin_api',
        'os_compute_api:os-extended-server-attributes': 'rule:project_reader_or_admin',
        'os_compute_api:limits:other_project': '!'
      })
    );
    const conf = join(dir, 'wharf.conf');
    writeFileSync(conf, `[policy]\npolicy_file = ${policyFile}\n`);
    const result = await runCli(['check', '--config', conf, '--diff', planFile, '--json']);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    const { diff } = JSON.parse(result.stdout) as {
      diff: Record<'breaking' | 'additive', { subject: string; message: string }[]>;
    };
    const tightened = diff.breaking.map((change) => change.message);
    assert.ok(
      tightened.includes(
        'tightened: GET /flavors: policy os_compute_api:flavors "@" [anyone, reader, member, admin] -> os_compute_api:flavors "role:admin" [admin] (no longer: anyone, reader, member)'
      ),
      tightened.join('\n')
    );
    assert.ok(
      tightened.includes(
        'tightened: servers method show: post OS-EXT-STS: policy os_compute_api:os-extended-status "rule:project_reader_or_admin" [reader, member, admin] -> os_compute_api:os-extended-status "rule:admin_api" [admin] (no longer: reader, member)'
      ),
      tightened.join('\n')
    );
    assert.ok(
      tightened.includes(
        'tightened: GET /limits: sub-rule os_compute_api:limits:other_project "rule:admin_api" [admin] -> os_compute_api:limits:other_project "!" [] (no longer: admin)'
      ),
      tightened.join('\n')
    );
    assert.ok(diff.breaking.every((change) => change.subject === 'policy'));
    assert.deepEqual(
      diff.additive.map((change) => change.message.replace(/: policy .*\(/, ' (')).sort(),
      [
        'loosened: servers action reboot (now also: anyone, reader)',
        'loosened: servers method detail: post OS-EXT-SRV-ATTR (now also: reader, member)',
        'loosened: servers method show: post OS-EXT-SRV-ATTR (now also: reader, member)'
      ]
    );
  });

  test('the same deployment has no changes, exit 0', async () => {
    const result = await runCli(['check', '--diff', planFile, '--json']);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.deepEqual(JSON.parse(result.stdout).diff, { breaking: [], additive: [] });
  });

  test('an added drop-in is additive, exit 0', async () => {
    const result = await runCli(['check', '--diff', planFile, '--dropin', DROPINS]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /breaking changes: 0\n/);
    assert.match(result.stdout, /route added: GET \/gadgets\/\{id\}/);
    assert.match(result.stdout, /action added: gadgets action paint/);
    assert.match(result.stdout, /field added: servers method show: server gadget:count/);
    assert.match(result.stdout, /processor added: servers method show: post gadgets/);
  });

  test('a plan written before processors were recorded compares without them, exit 0', async () => {
    const { processors: _recordedSince, ...older } = plan;
    const file = join(dir, 'older.json');
    writeFileSync(file, JSON.stringify(older));
    const result = await runCli(['check', '--diff', file, '--json']);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.deepEqual(JSON.parse(result.stdout).diff, { breaking: [], additive: [] });
  });

  test('a removed extension, route, processor and a narrowed range are breaking, exit 1', async () => {
    const accepted: DeploymentPlan = {
      ...plan,
      microversions: { min: plan.microversions.min, max: '2.99' },
      extensions: [...plan.extensions, { alias: 'retired', name: 'Retired', version: 1 }],
      routes: [
        ...plan.routes,
        {
          method: 'GET',
          path: '/retired',
          extension: 'retired',
          minVersion: null,
          maxVersion: null
        }
      ],
      processors: [
        ...plan.processors!,
        {
          collection: 'servers',
          target: 'method show',
          phase: 'post',
          extension: 'retired',
          policy: null
        }
      ],
      fields: [
        ...plan.fields,
        {
          collection: 'servers',
          target: 'method show',
          at: 'server',
          field: 'retired:x',
          extension: 'retired'
        }
      ]
    };
    const file = join(dir, 'accepted.json');
    writeFileSync(file, JSON.stringify(accepted));
    const result = await runCli(['check', '--diff', file, '--json']);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    const { ok, diff } = JSON.parse(result.stdout);
    assert.equal(ok, true);
    assert.deepEqual(
      diff.breaking
        .map((c: { subject: string; message: string }) => `${c.subject} ${c.message}`)
        .sort(),
      [
        'extension removed: retired (version 1)',
        'field removed: servers method show: server retired:x',
        `microversions narrowed: the API: microversions ${plan.microversions.min}-2.99 -> ${plan.microversions.min}-${plan.microversions.max}`,
        'processor removed: servers method show: post retired',
        'route removed: GET /retired'
      ]
    );
  });

  test('a file that is not a plan is refused naming it, exit 2', async () => {
    const file = join(dir, 'not-a-plan.json');
    writeFileSync(file, '{"routes": []}');
    const result = await runCli(['check', '--diff', file]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /not-a-plan\.json: not a deployment plan .*\[WHARF_PLAN_INVALID\]/);
    const missing = await runCli(['check', '--diff', join(dir, 'missing.json')]);
    assert.equal(missing.code, 2);
    assert.match(
      missing.stderr,
      /missing\.json: cannot read the plan: ENOENT \[WHARF_PLAN_INVALID\]/
    );
  });
});
