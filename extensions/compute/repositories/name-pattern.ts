/**
 * The `name` filter of a server listing, a regular expression the caller writes, compiled for
 * RE2 (the `re2` binding): matching takes time linear in the name, whatever the pattern, so
 * `^(a+)+$` cannot hold the event loop the way a backtracking engine lets it. Linear is not
 * yet cheap: the cost per character grows with the compiled program, so the pattern's length
 * and its program's size are both capped. Invalid syntax, including what RE2 leaves out
 * (backreferences, lookaround), is refused rather than guessed at, as nova's `regex` format
 * refuses what Python cannot compile.
 */
import RE2 from 're2';
import { InvalidNameFilter } from '../errors.js';

/** The longest pattern accepted, in characters: a server name's own maximum. */
export const MAX_NAME_PATTERN_LENGTH = 255;

/**
 * The largest compiled program accepted, as RE2's memory budget in bytes. It admits
 * `.{0,255}` and `(.{0,20}){0,20}` and refuses `.{0,99}` repeated, whose matching over
 * 10 000 names costs more than a hundred milliseconds.
 */
export const MAX_NAME_PATTERN_PROGRAM_BYTES = 256 * 1024;

/** A compiled name filter. */
export interface NamePattern {
  /** Whether the pattern occurs anywhere in `name` (nova searches, it does not anchor). */
  test(name: string): boolean;
}

/** Compiles a caller's name filter; throws `InvalidNameFilter` (400) when it is refused. */
export function compileNamePattern(pattern: string): NamePattern {
  if (pattern.length > MAX_NAME_PATTERN_LENGTH) {
    throw new InvalidNameFilter(
      pattern,
      `It is ${pattern.length} characters long; a name pattern may have at most ${MAX_NAME_PATTERN_LENGTH}.`
    );
  }
  let compiled: RE2;
  try {
    compiled = new RE2(pattern, 'u');
  } catch (error) {
    throw new InvalidNameFilter(
      pattern,
      `'${pattern}' is not a 'regex' (RE2 syntax): ${(error as Error).message}`
    );
  }
  try {
    // RE2.Set is the binding's one way to give RE2 a memory budget: compiling fails when
    // the program would not fit. The set is only a size check; `compiled` does the matching.
    new RE2.Set([pattern], 'u', { anchor: 'unanchored', maxMem: MAX_NAME_PATTERN_PROGRAM_BYTES });
  } catch {
    throw new InvalidNameFilter(
      pattern,
      'It is too complex: its compiled program is larger than the matcher allows.'
    );
  }
  return { test: (name) => compiled.test(name) };
}
