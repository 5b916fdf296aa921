import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { RequestHandler } from 'express';
import request from 'supertest';
import { getContext } from '../../../core/context.js';
import { noauthFilter } from '../../../core/middleware/noauth.js';
import { givenApp, givenFilter } from './given.js';

/** Answers with the caller the context holds. */
const showCaller: RequestHandler = function showCaller(req, res) {
  const { userId, projectId, roles, isAdmin } = getContext(req);
  res.json({ userId, projectId, roles, isAdmin });
};

async function callerFor(headers: Record<string, string>, status = 200) {
  let call = request(givenApp([await givenFilter(noauthFilter)], showCaller)).get('/');
  for (const [name, value] of Object.entries(headers)) call = call.set(name, value);
  return call.expect(status);
}

describe('noauth2 filter', () => {
  test('reads user and project from user:project', async () => {
    const res = await callerFor({ 'X-Auth-Token': 'alice:demo' });
    assert.deepEqual(res.body, {
      userId: 'alice',
      projectId: 'demo',
      roles: ['member'],
      isAdmin: false
    });
  });

  test('takes a bare token as both user and project', async () => {
    const res = await callerFor({ 'X-Auth-Token': 'notused' });
    assert.deepEqual(res.body, {
      userId: 'notused',
      projectId: 'notused',
      roles: ['member'],
      isAdmin: false
    });
  });

  test('makes the admin user an admin with admin and member roles', async () => {
    const res = await callerFor({ 'X-Auth-Token': 'admin:ops' });
    assert.deepEqual(res.body, {
      userId: 'admin',
      projectId: 'ops',
      roles: ['admin', 'member'],
      isAdmin: true
    });
  });

  test('lets X-Auth-Project-Id name the project', async () => {
    const res = await callerFor({ 'X-Auth-Token': 'alice:demo', 'X-Auth-Project-Id': 'other' });
    assert.equal(res.body.projectId, 'other');
    assert.equal(res.body.userId, 'alice');
  });

  test('uses the user as project when the token ends in a colon', async () => {
    const res = await callerFor({ 'X-Auth-Token': 'bob:' });
    assert.equal(res.body.projectId, 'bob');
  });

  test('answers a missing, empty or user-less token with a 401 fault', async () => {
    const cases: Record<string, string>[] = [
      {},
      { 'X-Auth-Token': '' },
      { 'X-Auth-Token': ':demo' }
    ];
    for (const headers of cases) {
      const res = await callerFor(headers, 401);
      assert.deepEqual(res.body, {
        unauthorized: { code: 401, message: 'Authentication required' }
      });
    }
  });
});
