import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openDatabase } from '../../extensions/compute/storage.js';
import { MAX_NAME_PATTERN_LENGTH } from '../../extensions/compute/repositories/name-pattern.js';
import { givenTestHost, type TestHost } from '../helpers/test-host.js';
import { givenServerRows } from '../unit/compute/given-server.js';
import { LITERAL_FACTOR, assertLinearAgainstLiteral } from '../helpers/linear-time-bound.js';

/** The reproduction: 31-character names that `^(a+)+$` backtracks on exponentially. */
const SERVERS = 10_000;
const HOSTILE_NAME = `${'a'.repeat(30)}b`;

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

  /** Lists by `name` through the API; resolves with how many servers the page holds. */
  async function list(name: string): Promise<number> {
    const reply = await host.call('GET', query(name));
    assert.equal(reply.status, 200, reply.text);
    return reply.body.servers.length;
  }

  for (const pattern of ['^(a+)+$', '(a|aa)+$', '(.*a){20}', '^(([a-z])+.)+[A-Z]([a-z])+$']) {
    test(`answers ${pattern} over ${SERVERS} servers in under ${LITERAL_FACTOR}x a literal`, async () => {
      const found = await assertLinearAgainstLiteral(list, pattern, {
        someFound: 'b',
        noneFound: 'no server has this name'
      });
      assert.ok(found <= 1000);
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
