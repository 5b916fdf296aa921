import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ApiRequest } from 'wharf';
import { createContext } from '../../../core/context.js';
import { PolicyUndeclared } from '../../../extensions/compute/errors.js';
import { PolicyEnforcer } from '../../../extensions/compute/policy/enforcer.js';

/** A request whose running method declares `policy`, from a caller with `roles`. */
function givenRequest(policy: string | null, roles: string[] = []): ApiRequest {
  const context = createContext({ projectId: 'p1', userId: 'u1', roles });
  return { context, policy, method: 'GET', path: '/servers/detail' } as ApiRequest;
}

const OWN = { project_id: 'p1', user_id: 'u1' };

describe('PolicyEnforcer', () => {
  const enforcer = new PolicyEnforcer({ 'test:readers': 'role:reader' });

  test('allows checks the rule the running method declares', () => {
    assert.equal(enforcer.allows(givenRequest('test:readers', ['reader']), OWN), true);
    assert.equal(enforcer.allows(givenRequest('test:readers', ['member']), OWN), false);
  });

  test('allows refuses a method that declares no rule, naming the request', () => {
    assert.throws(
      () => enforcer.allows(givenRequest(null, ['admin']), OWN),
      (error: unknown) =>
        error instanceof PolicyUndeclared &&
        error.code === 'COMPUTE_POLICY_UNDECLARED' &&
        error.statusCode === 500 &&
        /GET \/servers\/detail/.test(error.message)
    );
  });
});
