import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { alive, givenServeProcess, request, type ServeProcess } from '../unit/server/given.js';

const spawned: ServeProcess[] = [];
after(() => {
  for (const { child } of spawned) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('SIGHUP', { timeout: 20_000 }, () => {
  test('reaches every worker through the primary, and ends no process', async () => {
    const serve = givenServeProcess({ WHARF_TEST_WORKERS: '2' });
    spawned.push(serve);
    const first = await serve.nextListening();
    const second = await serve.nextListening();

    serve.child.kill('SIGHUP');
    await serve.logged(/forwarding it to 2 workers/);
    await serve.logged(new RegExp(`received SIGHUP; reloaded 0 of 1 servers.*"pid":${first.pid}`));
    await serve.logged(new RegExp(`received SIGHUP; reloaded 0 of 1 servers.*"pid":${second.pid}`));

    for (const pid of [first.pid, second.pid]) assert.equal(alive(pid), true);
    const [port] = first.ports as [number];
    assert.equal((await request(port)).status, 200);
    serve.child.kill('SIGTERM');
    assert.equal(await serve.exited, 0);
  });
});
