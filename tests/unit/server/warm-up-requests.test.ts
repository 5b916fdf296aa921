/**
 * Warm-up requests (core/http/warm-up-requests.ts): a server answers its `[wsgi]
 * warm_up_paths` through its handler before it listens, marked as warm-up requests, and no
 * request from a client is ever marked, nor a warm-up one logged or given credentials.
 */
import assert from 'node:assert/strict';
import http, { type IncomingMessage } from 'node:http';
import { describe, test } from 'node:test';
import { getContext } from '../../../core/context.js';
import { isWarmUpRequest } from '../../../core/http/warm-up-requests.js';
import { createAuthFilter } from '../../../core/middleware/auth-filter.js';
import { HTTPUnauthorized } from '../../../core/errors.js';
import { answerOk, givenServer } from './given.js';

/** `GET path` of the server on `port`; resolves with the status. */
function get(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

describe('warm-up requests', () => {
  test('are answered through the handler before the server listens, and only they are marked', async () => {
    const seen: { path: string; warmUp: boolean }[] = [];
    const server = await givenServer(
      (req, res) => {
        seen.push({ path: req.url ?? '', warmUp: isWarmUpRequest(req) });
        answerOk(res);
      },
      { warmUpPaths: ['/a', '/b'] }
    );
    try {
      assert.deepEqual(seen, [
        { path: '/a', warmUp: true },
        { path: '/b', warmUp: true }
      ]);
      assert.equal(await get(server.address.port, '/a'), 200);
      assert.deepEqual(seen[2], { path: '/a', warmUp: false });
    } finally {
      await server.close(0);
    }
  });

  test('get the warm-up caller from an auth filter without a credential check', async () => {
    const callers: { project: string | null; warmUp: boolean }[] = [];
    const filter = createAuthFilter(
      'refuse_all',
      () => {
        throw new HTTPUnauthorized();
      },
      null
    );
    const server = await givenServer(
      (req, res) => {
        void filter(req as never, res as never, () => {
          const context = getContext(req as IncomingMessage);
          callers.push({ project: context.projectId, warmUp: isWarmUpRequest(req) });
          answerOk(res);
        });
      },
      { warmUpPaths: ['/warm'] }
    );
    try {
      assert.deepEqual(callers, [{ project: 'wharf-warm-up', warmUp: true }]);
      assert.equal(await get(server.address.port, '/warm'), 401);
      assert.equal(callers.length, 1);
    } finally {
      await server.close(0);
    }
  });
});
