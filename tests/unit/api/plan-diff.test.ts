import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PLAN_FORMAT, type DeploymentPlan } from '../../../core/api/deployment-plan.js';
import { diffPlans } from '../../../core/api/plan-diff.js';

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
});
