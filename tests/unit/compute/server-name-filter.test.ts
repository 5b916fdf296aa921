import assert from 'node:assert/strict';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { after, before, describe, test } from 'node:test';
import { ServerRepository } from '../../../extensions/compute/storage.js';
import {
  MAX_NAME_PATTERN_LENGTH,
  compileNamePattern
} from '../../../extensions/compute/repositories/name-pattern.js';
import { BACKENDS, givenScope, type GivenDatabase } from './given-database.js';
import { LITERAL_FACTOR, assertLinearAgainstLiteral } from '../../helpers/linear-time-bound.js';
import { givenServerRows } from './given-server.js';

/** Patterns that take exponential time on a backtracking engine against `a...ab`. */
const CATASTROPHIC = ['^(a+)+$', '(a|aa)+$', '(.*a){20}', '(a*)*b$', '^(([a-z])+.)+[A-Z]([a-z])+$'];

/** The measure: 10 000 servers, each named 30 `a` and one `b` (31 characters). */
const SERVERS = 10_000;
const HOSTILE_NAME = `${'a'.repeat(30)}b`;

/** Literals finding what a pattern finds: a page of the hostile names, or none. */
const LITERALS = { someFound: 'b', noneFound: 'no server has this name' };

describe('compileNamePattern', () => {
  test('searches names the way nova does, unanchored', () => {
    assert.equal(compileNamePattern('web').test('my-web-1'), true);
    assert.equal(compileNamePattern('^web').test('my-web-1'), false);
    assert.equal(compileNamePattern('\\p{Greek}').test('λ-1'), true);
  });

  for (const [pattern, why] of [
    ['a(', 'unbalanced'],
    ['(a)\\1', 'a backreference'],
    ['(?=a)', 'a lookahead'],
    ['a{2000}', 'a repetition over 1000'],
    ['.{0,99}'.repeat(30), 'a program over the budget'],
    ['(.{0,20}){0,20}'.repeat(10), 'nested repetitions over the budget'],
    ['a'.repeat(MAX_NAME_PATTERN_LENGTH + 1), 'longer than the cap']
  ]) {
    test(`refuses ${why} with COMPUTE_INVALID_NAME_FILTER`, () => {
      assert.throws(() => compileNamePattern(pattern!), {
        code: 'COMPUTE_INVALID_NAME_FILTER',
        statusCode: 400
      });
    });
  }

  test('accepts a pattern of exactly the cap', () => {
    assert.equal(compileNamePattern('a'.repeat(MAX_NAME_PATTERN_LENGTH)).test('a'), false);
  });
});

for (const backend of BACKENDS) {
  describe(`listing ${SERVERS} servers by name on ${backend.name}`, { skip: backend.skip }, () => {
    let given: GivenDatabase;
    let servers: ServerRepository;
    const scope = givenScope();
    before(async () => {
      given = await backend.givenDatabase();
      servers = new ServerRepository(given.database);
      await givenServerRows(given.database, scope, Array(SERVERS).fill(HOSTILE_NAME));
    });
    after(() => given?.cleanup());

    for (const pattern of CATASTROPHIC) {
      test(`answers ${pattern} in under ${LITERAL_FACTOR}x a literal finding the same`, async () => {
        const list = async (name: string) =>
          (await servers.list(scope, { name, limit: 1000 })).length;
        assert.ok((await assertLinearAgainstLiteral(list, pattern, LITERALS)) <= 1000);
      });
    }

    test('stops at the page size when many names match', async () => {
      const found = await servers.list(scope, { name: 'a+b$', limit: 1000 });
      assert.equal(found.length, 1000);
    });

    test('yields to the event loop while a slow pattern scans every name', async () => {
      // A DFA-hostile pattern: RE2 stays linear but pays about a microsecond per character.
      const histogram = monitorEventLoopDelay({ resolution: 5 });
      histogram.enable();
      const found = await servers.list(scope, { name: '[ab]*a[ab]{20}c' });
      histogram.disable();
      assert.equal(found.length, 0);
      // The scan yields every 10 ms; 100 leaves a loaded machine room.
      assert.ok(histogram.max / 1e6 < 100, `event loop held ${histogram.max / 1e6} ms`);
    });
  });
}
