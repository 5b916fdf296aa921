import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { MAX_JSON_DEPTH } from '../../core/api/json-depth.js';
import { givenTestHost, type TestHost } from '../helpers/test-host.js';

/** A server create whose `metadata` holds `depth - 2` nested arrays (the body is `depth` deep). */
function createBody(depth: number): string {
  const inner = depth - 2;
  return `{"server":{"name":"vm","flavorRef":"1","metadata":${'['.repeat(inner)}${']'.repeat(inner)}}}`;
}

describe('request bodies nested deep', () => {
  let host: TestHost;
  before(async () => {
    host = await givenTestHost();
  });
  after(() => host?.close());

  const post = (body: string) =>
    host.call('POST', '/v2.1/servers', {
      headers: { 'content-type': 'application/json' },
      raw: body
    });

  for (const depth of [10, MAX_JSON_DEPTH]) {
    test(`validates a body ${depth} levels deep as usual (400 from the schema)`, async () => {
      const reply = await post(createBody(depth));
      assert.equal(reply.status, 400, reply.text);
      assert.match(reply.body.badRequest.message, /^Invalid input for field\/attribute metadata/);
    });
  }

  for (const depth of [MAX_JSON_DEPTH + 1, 4_600, 5_000]) {
    test(`refuses a body ${depth} levels deep before parsing it`, async () => {
      const reply = await post(createBody(depth));
      assert.equal(reply.status, 400, reply.text);
      assert.match(reply.body.badRequest.message, /nested more than 64 levels deep/);
    });
  }

  test('refuses 100 000 unclosed brackets (under the size limit) the same way', async () => {
    const reply = await post('['.repeat(100_000));
    assert.equal(reply.status, 400, reply.text);
    assert.match(reply.body.badRequest.message, /nested more than 64 levels deep/);
  });

  test('refuses a deep action body the same way', async () => {
    const reply = await host.call('POST', '/v2.1/servers/any/action', {
      headers: { 'content-type': 'application/json' },
      raw: `{"reboot":${'['.repeat(5_000)}${']'.repeat(5_000)}}`
    });
    assert.equal(reply.status, 400, reply.text);
    assert.match(reply.body.badRequest.message, /nested more than 64 levels deep/);
  });

  test('logs nothing at error level', () => {
    assert.deepEqual(
      host.lines.filter((line) => line.level === 'error'),
      []
    );
  });
});
