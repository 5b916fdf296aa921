import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { once } from 'node:events';
import { after, describe, test } from 'node:test';
import {
  alive,
  delay,
  givenServeProcess,
  request,
  type ServeProcess
} from '../unit/server/given.js';

const spawned: ServeProcess[] = [];

/** Spawns the fixture, killed after the suite if it is still running. */
function givenWorkers(env: Record<string, string>): ServeProcess {
  const serve = givenServeProcess(env);
  spawned.push(serve);
  return serve;
}

after(() => {
  for (const { child } of spawned) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('runWorkers', { timeout: 15_000 }, () => {
  test('replaces a killed worker, keeps the port answering and stops with 0 on SIGTERM', async () => {
    const serve = givenWorkers({ WHARF_TEST_WORKERS: '2' });
    const first = await serve.nextListening();
    const second = await serve.nextListening();
    assert.notEqual(first.pid, second.pid);
    assert.deepEqual(first.ports, second.ports);
    const [port] = first.ports as [number];

    process.kill(first.pid, 'SIGKILL');
    const replacement = await serve.nextListening();
    assert.ok(![first.pid, second.pid].includes(replacement.pid));
    assert.deepEqual(replacement.ports, [port]);
    await serve.logged(/worker \d+ died \(signal SIGKILL\); replacing it"/);

    const answers = await Promise.all([1, 2, 3, 4].map(() => request(port)));
    const servedBy = new Set<number>();
    for (const answer of answers) {
      assert.equal(answer.status, 200);
      servedBy.add(JSON.parse(answer.body!).pid);
    }
    assert.deepEqual([...servedBy].sort(), [second.pid, replacement.pid].sort());

    const slow = request(port, '/slow?ms=400');
    await delay(150);
    serve.child.kill('SIGTERM');
    assert.equal((await slow).status, 200);
    assert.equal(await serve.exited, 0);
    assert.equal(alive(second.pid), false);
    assert.equal(alive(replacement.pid), false);
  });

  test('stops with 1 instead of looping when no worker can start', async () => {
    const taken = createServer().listen(0, '127.0.0.1');
    await once(taken, 'listening');
    const { port } = taken.address() as { port: number };
    const serve = givenWorkers({ WHARF_TEST_WORKERS: '2', WHARF_TEST_PORT: String(port) });
    assert.equal(await serve.exited, 1);
    await serve.logged(/before any worker was serving; stopping/);
    taken.close();
  });
});
