import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { after, before, describe, test } from 'node:test';
import { openDatabase } from '../../extensions/compute/storage.js';
import { MAX_NAME_PATTERN_LENGTH } from '../../extensions/compute/repositories/name-pattern.js';
import { givenTestHost, type TestHost } from '../helpers/test-host.js';
import { givenServerRows } from '../unit/compute/given-server.js';

/** The reproduction: 31-character names that `^(a+)+$` backtracks on exponentially. */
const SERVERS = 10_000;
const HOSTILE_NAME = `${'a'.repeat(30)}b`;
const BOUND_MS = 50;

describe('GET /servers?name= with hostile patterns', () => {
  let host: TestHost;
  before(async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'wharf-names-')), 'wharf.sqlite');
    host = await givenTestHost({ 'database.connection': `sqlite:${file}` });
    assert.equal((await host.call('GET', '/v2.1/servers')).status, 200); // opens and migrates
    const seeding = await openDatabase(`sqlite:${file}`);
    try {
      await givenServerRows(
        seeding,
        { projectId: 'project1', userId: 'user1', isAdmin: false, allTenants: false },
        Array(SERVERS).fill(HOSTILE_NAME)
      );
    } finally {
      await seeding.close();
    }
  });
  after(() => host?.close());

  const query = (pattern: string) => `/v2.1/servers?name=${encodeURIComponent(pattern)}`;

  /** The fastest of five listings, and how many servers they found. */
  async function fastestOf5(pattern: string): Promise<{ ms: number; found: number }> {
    let ms = Infinity;
    let found = 0;
    for (let run = 0; run < 5; run += 1) {
      const started = performance.now();
      const reply = await host.call('GET', query(pattern));
      ms = Math.min(ms, performance.now() - started);
      assert.equal(reply.status, 200, reply.text);
      found = reply.body.servers.length;
    }
    return { ms, found };
  }

  // The bound is the issue's, unless the machine is so busy that a plain literal finding the
  // same servers (a full page, or none) is already slow: then the pattern may cost no more
  // than twice the literal.
  for (const pattern of ['^(a+)+$', '(a|aa)+$', '(.*a){20}', '^(([a-z])+.)+[A-Z]([a-z])+$']) {
    test(`answers ${pattern} over ${SERVERS} servers in under ${BOUND_MS} ms`, async () => {
      const { ms, found } = await fastestOf5(pattern);
      assert.ok(found <= 1000);
      const literal = await fastestOf5(found === 0 ? 'no server has this name' : 'b');
      assert.equal(literal.found, found);
      const bound = Math.max(BOUND_MS, 2 * literal.ms);
      assert.ok(ms < bound, `${pattern}: ${ms.toFixed(1)} ms (literal ${literal.ms.toFixed(1)})`);
    });
  }

  test('pages a filter that matches every server at 1000, with a next link', async () => {
    const reply = await host.call('GET', query('a+b$'));
    assert.equal(reply.status, 200);
    assert.equal(reply.body.servers.length, 1000);
    assert.equal(reply.body.servers_links[0].rel, 'next');
  });

  for (const [pattern, why] of [
    ['web(1', 'invalid syntax'],
    ['(a)\\1', 'a backreference RE2 does not run'],
    ['.{0,99}'.repeat(30), 'a program too large'],
    ['a'.repeat(MAX_NAME_PATTERN_LENGTH + 1), 'a pattern over the length cap']
  ]) {
    test(`answers 400 badRequest to ${why}`, async () => {
      const reply = await host.call('GET', query(pattern!));
      assert.equal(reply.status, 400, reply.text);
      assert.equal(reply.body.badRequest.code, 400);
      assert.match(reply.body.badRequest.message, /^Invalid input for query parameters name\./);
    });
  }
});
