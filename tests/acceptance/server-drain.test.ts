import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { startKeepAliveLoad } from '../helpers/keep-alive-load.js';
import { givenWharfServe, type WharfServe } from '../helpers/serve-cli.js';

const spawned: WharfServe[] = [];

after(() => {
  for (const { child } of spawned) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('wharf serve stopping under keep-alive load', { timeout: 60_000 }, () => {
  test('answers every request 50 busy keep-alive connections sent, and exits 0', async () => {
    // A loaded machine must not turn this into an overload test: a request that waited
    // past max_queue_wait in a busy event loop is shed with 503 by design.
    const serve = givenWharfServe([], { env: { WHARF_WSGI__MAX_QUEUE_WAIT: '30' } });
    spawned.push(serve);
    const port = Number(new URL(await serve.listening()).port);
    const load = startKeepAliveLoad({
      port,
      connections: 50,
      path: '/v2.1/flavors',
      headers: { 'X-Auth-Token': 'demo:demo' },
      maxRequests: 20_000
    });
    while (load.result.sent < 500) await new Promise((resolve) => setTimeout(resolve, 20));
    const answeredBefore = load.result.statuses[200] ?? 0;

    serve.child.kill('SIGTERM');
    assert.equal(await serve.exited, 0);
    const result = await load.finished;
    assert.deepEqual(result.errors, {});
    assert.equal(result.unanswered, 0);
    assert.deepEqual(Object.keys(result.statuses), ['200']);
    assert.ok(result.statuses[200]! > answeredBefore);
    assert.ok(result.refused >= 50, 'every connection ends refused');
  });
});
