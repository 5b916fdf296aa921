import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { givenTestHost, type TestHost } from '../helpers/test-host.js';

/** Sends a request head and the start of its body, then closes the connection. */
async function disconnectMidBody(host: TestHost, head: string, partialBody: string): Promise<void> {
  const { port } = new URL(host.url);
  const socket = connect(Number(port), '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  socket.write(`${head}\r\n\r\n${partialBody}`);
  await sleep(100); // the host has routed the request and is reading its body
  socket.destroy();
}

/** Waits (at most 5 s) for a log line `found` accepts. */
async function logLine(host: TestHost, found: (line: TestHost['lines'][number]) => boolean) {
  for (let waited = 0; waited < 5000; waited += 20) {
    const line = host.lines.find(found);
    if (line) return line;
    await sleep(20);
  }
  assert.fail('no such log line');
}

const GONE = 'the client closed the connection before sending the whole request body';

describe('a client that disconnects mid-body', () => {
  let host: TestHost;
  before(async () => {
    host = await givenTestHost();
  });
  after(() => host?.close());

  for (const [framing, header, partial] of [
    ['Content-Length', 'Content-Length: 1000', '{"server": {"name": '],
    ['chunked', 'Transfer-Encoding: chunked', '14\r\n{"server": {"name": \r\n']
  ] as const) {
    test(`is logged once at info, with the request id and no stack (${framing})`, async () => {
      const seen = host.lines.length;
      const head = [
        'POST /v2.1/servers HTTP/1.1',
        'Host: 127.0.0.1',
        'X-Auth-Token: user1:project1',
        'Content-Type: application/json',
        header
      ].join('\r\n');
      await disconnectMidBody(host, head, partial);
      const line = await logLine(host, (l) => l.message === GONE && host.lines.indexOf(l) >= seen);
      assert.equal(line.level, 'info');
      assert.match(String(line.requestId), /^req-[0-9a-f-]{36}$/);
      assert.equal(line.stack, undefined);
      assert.equal(line.path, '/v2.1/servers');
      const mine = host.lines.slice(seen).filter((l) => l.requestId === line.requestId);
      assert.deepEqual(
        mine.map((l) => l.level),
        ['info']
      );
    });
  }

  test('logs nothing at error level and keeps serving', async () => {
    assert.deepEqual(
      host.lines.filter((line) => line.level === 'error'),
      []
    );
    assert.equal((await host.call('GET', '/v2.1/servers')).status, 200);
  });
});
