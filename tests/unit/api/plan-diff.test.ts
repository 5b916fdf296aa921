import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PLAN_FORMAT, type DeploymentPlan } from '../../../core/api/deployment-plan.js';
import { diffPlans } from '../../../core/api/plan-diff.js';
import type { PlanPolicy } from '../../../core/api/plan-policy.js';

function givenPlan(route: {
  minVersion: string | null;
  maxVersion: string | null;
}): DeploymentPlan {
  return {
    format: PLAN_FORMAT,
    microversions: { min: '2.1', max: '2.10' },
    extensions: [],
    routes: [{ method: 'GET', path: '/things', extension: 'things', ...route }],
    actions: [],
    fields: []
  };
}

describe('diffPlans', () => {
  test('a raised minimum or a lowered maximum narrows: breaking', () => {
    const diff = diffPlans(
      givenPlan({ minVersion: '2.2', maxVersion: null }),
      givenPlan({ minVersion: '2.3', maxVersion: '2.9' })
    );
    assert.deepEqual(diff.additive, []);
    assert.deepEqual(diff.breaking, [
      { subject: 'route', message: 'narrowed: GET /things: microversions 2.2- -> 2.3-2.9' }
    ]);
  });

  test('an opened end widens: additive; versions compare as numbers (2.10 > 2.9)', () => {
    const diff = diffPlans(
      givenPlan({ minVersion: '2.3', maxVersion: '2.9' }),
      givenPlan({ minVersion: null, maxVersion: '2.10' })
    );
    assert.deepEqual(diff.breaking, []);
    assert.deepEqual(diff.additive, [
      { subject: 'route', message: 'widened: GET /things: microversions 2.3-2.9 -> -2.10' }
    ]);
  });

  test('a policy letting fewer callers in is tightened: breaking', () => {
    const diff = diffPlans(
      givenPolicyPlan({ rule: 'things:index', check: '', allowed: ['anyone', 'member', 'admin'] }),
      givenPolicyPlan({ rule: 'things:index', check: 'role:admin', allowed: ['admin'] })
    );
    assert.deepEqual(diff.additive, []);
    assert.deepEqual(diff.breaking, [
      {
        subject: 'policy',
        message:
          'tightened: GET /things: policy things:index "" [anyone, member, admin] -> things:index "role:admin" [admin] (no longer: anyone, member)'
      }
    ]);
  });

  test('a policy letting more callers in is loosened: additive', () => {
    const diff = diffPlans(
      givenPolicyPlan({ rule: 'things:index', check: 'role:admin', allowed: ['admin'] }),
      givenPolicyPlan({ rule: 'things:index', check: '@', allowed: ['anyone', 'admin'] })
    );
    assert.deepEqual(diff.breaking, []);
    assert.deepEqual(
      diff.additive.map((change) => change.message.split(' (')[0]!.split(':')[0]),
      ['loosened']
    );
    assert.match(diff.additive[0]!.message, /\(now also: anyone\)$/);
  });

  test('another rule text letting the same callers in is additive', () => {
    const diff = diffPlans(
      givenPolicyPlan({ rule: 'things:index', check: 'role:admin', allowed: ['admin'] }),
      givenPolicyPlan({ rule: 'things:index', check: 'is_admin:True', allowed: ['admin'] })
    );
    assert.deepEqual(diff.breaking, []);
    assert.match(diff.additive[0]!.message, /^changed: .*\(the same callers pass\)$/);
  });

  test('a policy whose callers are unknown on one side is breaking when it changes', () => {
    const diff = diffPlans(
      givenPolicyPlan({ rule: 'things:index', check: '@', allowed: ['anyone', 'admin'] }),
      givenPolicyPlan(null)
    );
    assert.equal(diff.breaking[0]!.subject, 'policy');
    assert.match(diff.breaking[0]!.message, /^changed: GET \/things: policy .* -> none/);
  });

  test('a sub-rule letting fewer callers in is tightened: breaking; the rule alone unchanged', () => {
    const diff = diffPlans(
      givenPolicyPlan(withSubRule(['admin'])),
      givenPolicyPlan(withSubRule([]))
    );
    assert.deepEqual(diff.additive, []);
    assert.deepEqual(diff.breaking, [
      {
        subject: 'policy',
        message:
          'tightened: GET /things: sub-rule things:index:all "x" [admin] -> things:index:all "x" [] (no longer: admin)'
      }
    ]);
  });

  test('a sub-rule letting more callers in is loosened: additive', () => {
    const diff = diffPlans(
      givenPolicyPlan(withSubRule(['admin'])),
      givenPolicyPlan(withSubRule(['member', 'admin']))
    );
    assert.deepEqual(diff.breaking, []);
    assert.match(
      diff.additive[0]!.message,
      /^loosened: GET \/things: sub-rule .*\(now also: member\)$/
    );
  });

  test('a sub-rule added or removed is breaking', () => {
    const none = givenPolicyPlan({ ...THINGS, subRules: [] });
    const one = givenPolicyPlan(withSubRule(['admin']));
    assert.deepEqual(diffPlans(none, one).breaking, [
      {
        subject: 'policy',
        message:
          'added: GET /things: sub-rule things:index:all "x" [admin] (a new check may refuse callers served before)'
      }
    ]);
    assert.deepEqual(diffPlans(one, none).breaking, [
      {
        subject: 'policy',
        message:
          'removed: GET /things: sub-rule things:index:all "x" [admin] (what it allowed is unknown now)'
      }
    ]);
  });

  test('a plan written before sub-rules were recorded compares only the rule', () => {
    const diff = diffPlans(givenPolicyPlan(THINGS), givenPolicyPlan(withSubRule(['admin'])));
    assert.deepEqual(diff, { breaking: [], additive: [] });
  });

  test('a plan written before policies were recorded compares no policies', () => {
    const diff = diffPlans(
      givenPolicyPlan(undefined),
      givenPolicyPlan({ rule: 'things:index', check: '@', allowed: ['anyone'] })
    );
    assert.deepEqual(diff, { breaking: [], additive: [] });
  });
});

/** A plan whose one route declares `policy` (undefined: a plan without policies). */
function givenPolicyPlan(policy: PlanPolicy | null | undefined): DeploymentPlan {
  const plan = givenPlan({ minVersion: null, maxVersion: null });
  if (policy !== undefined) plan.routes[0]!.policy = policy;
  return plan;
}

/** The rule of the sub-rule tests: anyone passes it. */
const THINGS: PlanPolicy = { rule: 'things:index', check: '@', allowed: ['anyone'] };

/** THINGS with one sub-rule, `things:index:all`, passed by `allowed`. */
function withSubRule(allowed: string[]): PlanPolicy {
  return { ...THINGS, subRules: [{ rule: 'things:index:all', check: 'x', allowed }] };
}
