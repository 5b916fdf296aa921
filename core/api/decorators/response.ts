/**
 * `@response(code, min?, max?)`: the success status of a method, per microversion range
 * (nova's `@wsgi.response`). Repeatable; the first declaration in source order whose range
 * holds the request's version wins, so an unbounded one placed last acts as the default:
 *
 * ```ts
 * @wsgi.response(200, '2.1', '2.1')
 * @wsgi.response(201, '2.2')
 * create(req: ApiRequest) { ... }
 * ```
 */
import { InvalidDeclarationError } from '../../errors.js';
import { declareRepeatable } from '../metadata.js';
import { RESPONSE } from '../metadata-keys.js';
import { parseVersionRange } from '../version-range.js';
import { methodTarget } from './method-target.js';

/** Declares the success status `code` for versions `min`..`max` (both optional, inclusive). */
export function response(code: number, min?: string, max?: string): MethodDecorator {
  return (target, key, descriptor) => {
    const { property, where } = methodTarget('response', target, key, descriptor);
    if (!Number.isInteger(code) || code < 200 || code > 399) {
      throw new InvalidDeclarationError(
        `${where}: ${String(code)} is not a 2xx or 3xx status code`
      );
    }
    declareRepeatable(RESPONSE, target, property, {
      code,
      range: parseVersionRange(where, min, max)
    });
  };
}
