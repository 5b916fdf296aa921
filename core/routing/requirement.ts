/**
 * Parameter requirements (routes' `requirements={'id': r'\d+'}`): a pattern a path segment
 * must match whole. Patterns come from extensions, so they run on RE2, a linear-time engine
 * with no backtracking: a segment of length n costs O(n) whatever the pattern, and a
 * pattern RE2 cannot promise that for (backreferences, lookaround) is refused at
 * declaration. Each distinct pattern is compiled once per process.
 *
 * A call into RE2's native binding costs about a microsecond, several times a whole lookup,
 * so the commonest requirements (one atom, `\d`, `\w` or a character class, with at most
 * one quantifier: `\d+`, `[0-9a-f-]+`, `\d{1,2}`) run on V8's own engine instead. That is
 * linear too: anchored at both ends, the one quantified atom can only be tried at the
 * start, and backing off from its greedy run checks `$` once per character given back, so
 * a segment of length n costs O(n) steps. Anything else goes to RE2.
 */
import RE2 from 're2';
import { InvalidDeclarationError } from '../errors.js';

/** A compiled requirement: `test(segment)` is true when the whole segment matches. */
export interface Requirement {
  /** The pattern as declared. */
  readonly source: string;
  /** Whether the whole (decoded) segment matches the pattern. */
  test(segment: string): boolean;
}

const compiled = new Map<string, Requirement>();
// One atom (`\d`, `\w`, or a class with no nested `[`) and at most one quantifier.
const ONE_QUANTIFIED_ATOM = /^(?:\\[dw]|\[\^?(?:[^\]\\[]|\\.)+\])(?:[+*?]|\{\d+(?:,\d*)?\})?$/;

/**
 * Compiles `pattern` anchored at both ends (`^(?:pattern)$`). Throws
 * `InvalidDeclarationError` naming the parameter and owner when RE2 refuses it.
 */
export function compileRequirement(pattern: string, param: string, owner: string): Requirement {
  const known = compiled.get(pattern);
  if (known !== undefined) return known;
  let engine: RE2 | RegExp;
  try {
    engine = new RE2(`^(?:${pattern})$`, 'u');
    if (ONE_QUANTIFIED_ATOM.test(pattern)) engine = new RegExp(`^(?:${pattern})$`, 'u');
  } catch (error) {
    throw new InvalidDeclarationError(
      `requirement of {${param}} declared by ${owner}: "${pattern}" is not a pattern RE2 runs in linear time (${(error as Error).message})`
    );
  }
  const requirement: Requirement = { source: pattern, test: (segment) => engine.test(segment) };
  compiled.set(pattern, requirement);
  return requirement;
}
