import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HTTPForbidden, type ApiRequest } from 'wharf';
import { createContext } from '../../../core/context.js';
import { PolicyUndeclared } from '../../../extensions/compute/errors.js';
import { PolicyEnforcer } from '../../../extensions/compute/policy/enforcer.js';

/** A request whose running method declares `rule` (and `subRules`), from a caller with `roles`. */
function givenRequest(
  rule: string | null,
  roles: string[] = [],
  subRules: string[] = []
): ApiRequest {
  const context = createContext({ projectId: 'p1', userId: 'u1', roles });
  const policy = rule === null ? null : { rule, subRules };
  return { context, policy, method: 'GET', path: '/servers/detail' } as ApiRequest;
}

/** True for PolicyUndeclared (500) whose message matches `message`. */
function isUndeclared(message: RegExp): (error: unknown) => boolean {
  return (error) =>
    error instanceof PolicyUndeclared &&
    error.code === 'COMPUTE_POLICY_UNDECLARED' &&
    error.statusCode === 500 &&
    message.test(error.message);
}

const OWN = { project_id: 'p1', user_id: 'u1' };
const ALL = 'test:readers:all';

describe('PolicyEnforcer', () => {
  const enforcer = new PolicyEnforcer({ 'test:readers': 'role:reader', [ALL]: 'role:admin' });

  test('allows checks the rule the running method declares', () => {
    assert.equal(enforcer.allows(givenRequest('test:readers', ['reader']), OWN), true);
    assert.equal(enforcer.allows(givenRequest('test:readers', ['member']), OWN), false);
  });

  test('allows refuses a method that declares no rule, naming the request', () => {
    assert.throws(
      () => enforcer.allows(givenRequest(null, ['admin']), OWN),
      isUndeclared(/^GET \/servers\/detail: declare it with @wsgi.policy/)
    );
  });

  test('authorize answers 403 naming the rule, or the sub-rule, the caller does not pass', () => {
    const reader = givenRequest('test:readers', ['reader'], [ALL]);
    assert.doesNotThrow(() => enforcer.authorize(reader, OWN));
    assert.throws(
      () => enforcer.authorize(reader, OWN, 'all'),
      (error: unknown) =>
        error instanceof HTTPForbidden &&
        error.message === `Policy doesn't allow ${ALL} to be performed.`
    );
    const admin = givenRequest('test:readers', ['reader', 'admin'], [ALL]);
    assert.doesNotThrow(() => enforcer.authorize(admin, OWN, 'all'));
    assert.equal(enforcer.allows(givenRequest('test:readers', ['admin'], [ALL]), OWN), false);
  });

  test('a sub-rule the method does not declare fails, whoever the caller', () => {
    for (const request of [
      givenRequest('test:readers', ['reader', 'admin']),
      givenRequest('test:readers', ['reader', 'admin'], ['test:readers:other'])
    ]) {
      const undeclared = isUndeclared(/^GET \/servers\/detail: sub-rule test:readers:all: declare/);
      assert.throws(() => enforcer.authorize(request, OWN, 'all'), undeclared);
      assert.throws(() => enforcer.allows(request, OWN, 'all'), undeclared);
    }
  });
});
