/**
 * A compute microversion, `major.minor` (nova's `APIVersionRequest`). Parsing follows the
 * OpenStack rule exactly: `^([1-9]\d*)\.([1-9]\d*|0)$`, so `2.01`, `2`, ` 2.1` and `LATEST`
 * are all rejected; `latest` is resolved by the caller (see `resolveRequestedVersion`).
 */
import type { MicroversionLike } from '../context.js';
import { InvalidApiVersionError } from '../errors.js';

/** A parsed `major.minor` microversion; immutable. */
export class APIVersionRequest implements MicroversionLike {
  /** The major number (2 for every compute version so far). */
  readonly major: number;
  /** The minor number. */
  readonly minor: number;
  #text: string | undefined = undefined;

  constructor(major: number, minor: number) {
    this.major = major;
    this.minor = minor;
  }

  /**
   * Parses `X.Y`. Throws HTTPBadRequest (`WHARF_INVALID_API_VERSION`) with nova's message for
   * anything else, so a bad request header becomes a 400 as it is.
   */
  static parse(value: string): APIVersionRequest {
    // Hand-rolled (three times faster than the regex): this runs on every versioned request.
    const dot = value.indexOf('.');
    const major = dot < 0 ? -1 : readNumber(value, 0, dot);
    const minor = major < 1 ? -1 : readNumber(value, dot + 1, value.length);
    if (minor < 0) {
      throw new InvalidApiVersionError(
        `API Version String ${value} is of invalid format. Must be of format MajorNum.MinorNum.`
      );
    }
    return new APIVersionRequest(major, minor);
  }

  /** Negative, zero or positive as this version is lower than, equal to or higher than `other`. */
  compare(other: MicroversionLike): number {
    return this.major === other.major ? this.minor - other.minor : this.major - other.major;
  }

  /** True when this version is strictly lower than `other`. */
  lessThan(other: MicroversionLike): boolean {
    return this.compare(other) < 0;
  }

  /** True when this version is strictly higher than `other`. */
  greaterThan(other: MicroversionLike): boolean {
    return this.compare(other) > 0;
  }

  /** True when both numbers are equal. */
  equals(other: MicroversionLike): boolean {
    return this.major === other.major && this.minor === other.minor;
  }

  /**
   * True when `min <= this <= max`; a null or undefined bound is unbounded on that side
   * (nova's `matches`).
   */
  matches(min?: MicroversionLike | null, max?: MicroversionLike | null): boolean {
    return (min == null || this.compare(min) >= 0) && (max == null || this.compare(max) <= 0);
  }

  /** `X.Y`, as the response headers and error messages print it. */
  toString(): string {
    // Kept: the request log and the version headers ask for it on every request.
    this.#text ??= `${this.major}.${this.minor}`;
    return this.#text;
  }
}

/** The decimal number in `text[start, end)`, or -1 when empty, not digits, or zero-padded. */
function readNumber(text: string, start: number, end: number): number {
  if (start >= end || (text.charCodeAt(start) === 0x30 && end - start > 1)) return -1;
  let number = 0;
  for (let index = start; index < end; index += 1) {
    const digit = text.charCodeAt(index) - 0x30;
    if (digit < 0 || digit > 9) return -1;
    number = number * 10 + digit;
  }
  return number;
}
