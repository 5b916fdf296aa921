/**
 * Version ranges as decorators declare them (`'2.1'`, `'2.2'`, open at either end) and the
 * one test every per-version lookup uses.
 */
import type { MicroversionLike } from '../context.js';
import { InvalidDeclarationError } from '../errors.js';
import { APIVersionRequest } from './api-version-request.js';

/** An inclusive microversion range; a null bound is open on that side. */
export interface VersionRange {
  /** Lowest microversion in the range, or null for no lower bound. */
  min: APIVersionRequest | null;
  /** Highest microversion in the range, or null for no upper bound. */
  max: APIVersionRequest | null;
}

/** The range that contains every version. */
export const ANY_VERSION: VersionRange = Object.freeze({ min: null, max: null });

/**
 * Parses a declared range at decoration time. A malformed bound, or `min` above `max`,
 * throws InvalidDeclarationError naming `where` (e.g. `@response on Servers.create`).
 */
export function parseVersionRange(
  where: string,
  min?: string | null,
  max?: string | null
): VersionRange {
  const range = { min: parseBound(where, min), max: parseBound(where, max) };
  if (range.min !== null && range.max !== null && range.min.greaterThan(range.max)) {
    throw new InvalidDeclarationError(
      `${where}: minimum version ${range.min.toString()} is above maximum ${range.max.toString()}`
    );
  }
  return range;
}

/** True when `version` lies inside `range`. */
export function rangeContains(range: VersionRange, version: MicroversionLike): boolean {
  // `bound.compare(version)` is <= 0 exactly when version >= bound.
  return (
    (range.min === null || range.min.compare(version) <= 0) &&
    (range.max === null || range.max.compare(version) >= 0)
  );
}

/** True when some version lies in both ranges. */
export function rangesOverlap(a: VersionRange, b: VersionRange): boolean {
  const below = (upper: APIVersionRequest | null, lower: APIVersionRequest | null): boolean =>
    upper !== null && lower !== null && upper.lessThan(lower);
  return !below(a.max, b.min) && !below(b.max, a.min);
}

/** `2.1-2.18`, `2.19-`, `-2.2` or `any`: a range as listings show it. */
export function rangeText(range: VersionRange): string {
  if (range.min === null && range.max === null) return 'any';
  return `${range.min?.toString() ?? ''}-${range.max?.toString() ?? ''}`;
}

function parseBound(where: string, bound: string | null | undefined): APIVersionRequest | null {
  if (bound === undefined || bound === null) return null;
  try {
    return APIVersionRequest.parse(bound);
  } catch {
    throw new InvalidDeclarationError(
      `${where}: version ${JSON.stringify(bound)} is not of the form MajorNum.MinorNum`
    );
  }
}
