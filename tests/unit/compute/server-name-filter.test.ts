import assert from 'node:assert/strict';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { after, before, describe, test } from 'node:test';
import { ServerRepository } from '../../../extensions/compute/storage.js';
import {
  MAX_NAME_PATTERN_LENGTH,
  compileNamePattern
} from '../../../extensions/compute/repositories/name-pattern.js';
import { BACKENDS, givenScope, type GivenDatabase } from './given-database.js';
import { givenServerRows } from './given-server.js';

/** Patterns that take exponential time on a backtracking engine against `a...ab`. */
const CATASTROPHIC = ['^(a+)+$', '(a|aa)+$', '(.*a){20}', '(a*)*b$', '^(([a-z])+.)+[A-Z]([a-z])+$'];

/** The measure: 10 000 servers, each named 30 `a` and one `b` (31 characters). */
const SERVERS = 10_000;
const HOSTILE_NAME = `${'a'.repeat(30)}b`;

/**
 * The bound, for the fastest of five listings. On a machine busy enough that a plain
 * literal finding the same servers is already slow, ten times the literal's time is the bound
 * instead. Either bound still fails a backtracking engine by orders of magnitude: each of
 * these patterns takes it on the order of 2^30 steps per name, seconds for every server.
 */
const BOUND_MS = 50;
/** How many times the literal listing's time a pattern may take on a busy machine. */
const LITERAL_FACTOR = 10;

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

    /** The fastest of five listings, and how many servers they found. */
    async function fastestOf5(name: string): Promise<{ ms: number; found: number }> {
      let ms = Infinity;
      let found = 0;
      for (let run = 0; run < 5; run += 1) {
        const started = performance.now();
        found = (await servers.list(scope, { name, limit: 1000 })).length;
        ms = Math.min(ms, performance.now() - started);
      }
      return { ms, found };
    }

    for (const pattern of CATASTROPHIC) {
      test(`answers ${pattern} in under ${BOUND_MS} ms`, async () => {
        const { ms, found } = await fastestOf5(pattern);
        assert.ok(found <= 1000);
        // The literal finds what the pattern found (a full page, or nothing): the same work.
        const literal = await fastestOf5(found === 0 ? 'no server has this name' : 'b');
        assert.equal(literal.found, found);
        const bound = Math.max(BOUND_MS, LITERAL_FACTOR * literal.ms);
        assert.ok(
          ms < bound,
          `${pattern}: ${ms.toFixed(1)} ms (literal ${literal.ms.toFixed(1)} ms)`
        );
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
