import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { DRAIN_CUT_EXIT_CODE } from '../../core/server/signal-handlers.js';
import { delay, givenServeProcess, request, type ServeProcess } from '../unit/server/given.js';

const spawned: ServeProcess[] = [];

/** Spawns the fixture serving from one process, killed after the suite if still running. */
function givenServing(env: Record<string, string>): ServeProcess {
  const serve = givenServeProcess({ WHARF_TEST_WORKERS: '1', ...env });
  spawned.push(serve);
  return serve;
}

after(() => {
  for (const { child } of spawned) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('installSignalHandlers', { timeout: 15_000 }, () => {
  test('drains every server of the process on SIGTERM, then exits 0', async () => {
    const serve = givenServing({ WHARF_TEST_SERVERS: '2' });
    const { pid, ports } = await serve.nextListening();
    assert.equal(ports.length, 2);
    assert.equal(pid, serve.child.pid);

    const slow = ports.flatMap((port) => [
      request(port, '/slow?ms=400'),
      request(port, '/slow?ms=400')
    ]);
    await delay(100);
    serve.child.kill('SIGTERM');
    await serve.logged(/received SIGTERM; stopping/);
    for (const port of ports) assert.equal((await request(port)).error, 'ECONNREFUSED');

    for (const outcome of await Promise.all(slow)) assert.equal(outcome.status, 200);
    assert.equal(await serve.exited, 0);
  });

  test('answers a request still running at the drain timeout with 503 and exits 3', async () => {
    const serve = givenServing({ WHARF_TEST_DRAIN_MS: '300' });
    const { ports } = await serve.nextListening();
    const stuck = request(ports[0]!, '/hang');
    await delay(100);

    serve.child.kill('SIGTERM');
    assert.equal((await stuck).status, 503);
    assert.equal(await serve.exited, DRAIN_CUT_EXIT_CODE);
    await serve.logged(/drain timeout cut requests still running/);
  });

  test('exits 1 at once on a second signal while draining', async () => {
    const serve = givenServing({ WHARF_TEST_DRAIN_MS: '30000' });
    const { ports } = await serve.nextListening();
    const stuck = request(ports[0]!, '/hang');
    await delay(100);

    serve.child.kill('SIGTERM');
    await serve.logged(/received SIGTERM; stopping/);
    const start = Date.now();
    serve.child.kill('SIGINT');
    assert.equal(await serve.exited, 1);
    assert.ok(Date.now() - start < 2000);
    assert.equal((await stuck).error, 'ECONNRESET');
  });
});
