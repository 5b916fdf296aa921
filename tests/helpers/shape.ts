/**
 * A tiny schema for response shapes, written as literals in the tests: a JSON type name
 * (`'string'`, `'integer'`, ...), `[item]` for an array whose every item has the item's
 * shape, an object literal for an object with exactly those keys, `mapOf(shape)` for an
 * object with any keys whose values share one shape, and `oneOf(...)` for alternatives.
 * `assertShape` checks a body against one and names the path of the first difference.
 */
import assert from 'node:assert/strict';

/** A JSON scalar type; `integer` is a number without a fraction. */
export type ScalarShape = 'string' | 'number' | 'integer' | 'boolean' | 'null';

const MAP = Symbol('mapOf');
const ONE_OF = Symbol('oneOf');

/** An object with any keys, each value of one shape (metadata, addresses by network). */
export interface MapShape {
  readonly [MAP]: Shape;
}

/** A value matching any one of several shapes (`oneOf('string', 'null')`). */
export interface OneOfShape {
  readonly [ONE_OF]: readonly Shape[];
}

/** A response shape. */
export type Shape =
  ScalarShape | readonly [Shape] | MapShape | OneOfShape | { readonly [key: string]: Shape };

/** An object whose values all have `shape`, whatever its keys. */
export function mapOf(shape: Shape): MapShape {
  return { [MAP]: shape };
}

/** Any one of `shapes`. */
export function oneOf(...shapes: Shape[]): OneOfShape {
  return { [ONE_OF]: shapes };
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Why `value` does not have `shape` (the first difference, with its path), or null. */
export function shapeMismatch(value: unknown, shape: Shape, path = '$'): string | null {
  if (typeof shape === 'string') {
    const actual = typeOf(value);
    if (shape === 'integer') {
      return Number.isInteger(value) ? null : `${path}: expected integer, got ${actual}`;
    }
    return actual === shape ? null : `${path}: expected ${shape}, got ${actual}`;
  }
  if (ONE_OF in shape) {
    const misses = shape[ONE_OF].map((option) => shapeMismatch(value, option, path));
    return misses.includes(null) ? null : misses.join(' | ');
  }
  if (Array.isArray(shape)) {
    if (!Array.isArray(value)) return `${path}: expected array, got ${typeOf(value)}`;
    for (const [index, item] of value.entries()) {
      const miss = shapeMismatch(item, shape[0] as Shape, `${path}[${index}]`);
      if (miss) return miss;
    }
    return null;
  }
  if (typeOf(value) !== 'object') return `${path}: expected object, got ${typeOf(value)}`;
  const object = value as Record<string, unknown>;
  if (MAP in shape) {
    for (const [key, item] of Object.entries(object)) {
      const miss = shapeMismatch(item, shape[MAP], `${path}[${JSON.stringify(key)}]`);
      if (miss) return miss;
    }
    return null;
  }
  const fields = shape as { readonly [key: string]: Shape };
  const extra = Object.keys(object).filter((key) => !Object.hasOwn(fields, key));
  const missing = Object.keys(fields).filter((key) => !Object.hasOwn(object, key));
  if (extra.length > 0 || missing.length > 0) {
    return `${path}: keys not in nova's shape [${extra.join(', ')}], missing [${missing.join(', ')}]`;
  }
  for (const [key, field] of Object.entries(fields)) {
    const miss = shapeMismatch(object[key], field, `${path}.${key}`);
    if (miss) return miss;
  }
  return null;
}

/** Asserts that `value` has exactly `shape`: the same keys at every level, the same types. */
export function assertShape(value: unknown, shape: Shape): void {
  const miss = shapeMismatch(value, shape);
  assert.equal(miss, null, `${miss}\n${JSON.stringify(value)}`);
}
