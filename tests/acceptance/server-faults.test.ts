import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import { startKeepAliveLoad } from '../helpers/keep-alive-load.js';
import { givenWharfServe, type WharfServe } from '../helpers/serve-cli.js';
import { request } from '../unit/server/given.js';

/** The drop-in folder holding the `faulty` extension package. */
const DROPINS = fileURLToPath(new URL('../fixtures/server', import.meta.url));
const TOKEN = { 'X-Auth-Token': 'demo:demo' };
const spawned: WharfServe[] = [];

after(() => {
  for (const { child } of spawned) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('wharf serve after an uncaught exception', { timeout: 90_000 }, () => {
  test('replaces the faulted process without failing an unrelated request, with one worker', async () => {
    // A short keep-alive timeout: a faulted process waits that long for its idle connections.
    const serve = givenWharfServe(['--dropin', DROPINS], {
      env: { WHARF_WSGI__KEEP_ALIVE_TIMEOUT: '1' }
    });
    spawned.push(serve);
    const port = Number(new URL(await serve.listening()).port);
    const unrelated = startKeepAliveLoad({
      port,
      connections: 4,
      path: '/v2.1/flavors',
      headers: TOKEN
    });
    const slow = startKeepAliveLoad({
      port,
      connections: 1,
      path: '/v2.1/faulty/300',
      headers: TOKEN
    });

    for (let fault = 1; fault <= 2; fault += 1) {
      const faulting = await fetch(`http://127.0.0.1:${port}/v2.1/faulty`, { headers: TOKEN });
      assert.equal(faulting.status, 200);
      const replaced = new RegExp(`(had an uncaught exception[^]*){${fault}}`);
      await serve.logged(replaced);
      await serve.logged(new RegExp(`(exited \\(code 1\\) after draining[^]*){${fault}}`));
    }
    const results = await Promise.all([unrelated.stop(), slow.stop()]);
    for (const result of results) {
      assert.deepEqual(result.errors, {});
      assert.equal(result.unanswered, 0);
      assert.equal(result.refused, 0);
      assert.deepEqual(Object.keys(result.statuses), ['200']);
    }
    assert.match(
      serve.log(),
      /uncaught exception.*"error":"faulty extension: thrown from a timer".*"extension":"faulty","requestId":"req-/
    );
    assert.equal((await request(port, '/')).status, 200);

    serve.child.kill('SIGTERM');
    assert.equal(await serve.exited, 0);
  });
});
