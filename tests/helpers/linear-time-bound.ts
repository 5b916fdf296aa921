/**
 * How the name-filter tests tell a linear-time pattern engine from a backtracking one
 * without a wall-clock bound that a busy machine breaks: a hostile pattern's listing is
 * compared with a plain literal's listing that finds the same servers, the two measured in
 * turn so both see the same machine. A backtracking engine takes on the order of 2^30 steps
 * per hostile name (seconds for each of thousands of servers); RE2 takes a small multiple of
 * the literal. The 50 ms is a speed figure, not asserted here.
 */
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';

/** How many times the literal listing's time a hostile pattern's listing may take. */
export const LITERAL_FACTOR = 10;

/** How many times each listing runs; the fastest run of each is compared. */
const RUNS = 5;

/** A listing by one name filter; resolves with how many servers it found. */
export type NameListing = (name: string) => Promise<number>;

/**
 * Lists by `pattern` and by a literal finding the same servers (a page of them, or none),
 * alternately, and asserts the pattern's fastest run took less than `LITERAL_FACTOR` times
 * the literal's. Resolves with how many servers the pattern found.
 */
export async function assertLinearAgainstLiteral(
  list: NameListing,
  pattern: string,
  literals: { someFound: string; noneFound: string }
): Promise<number> {
  const found = await list(pattern);
  const literal = found === 0 ? literals.noneFound : literals.someFound;
  assert.equal(await list(literal), found, `the literal ${literal} finds what ${pattern} finds`);
  let patternMs = Infinity;
  let literalMs = Infinity;
  for (let run = 0; run < RUNS; run += 1) {
    patternMs = Math.min(patternMs, await timed(() => list(pattern)));
    literalMs = Math.min(literalMs, await timed(() => list(literal)));
  }
  assert.ok(
    patternMs < LITERAL_FACTOR * literalMs,
    `${pattern}: ${patternMs.toFixed(1)} ms, literal ${literalMs.toFixed(1)} ms`
  );
  return found;
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}
