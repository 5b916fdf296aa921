/**
 * `@expectedErrors(codes, min?, max?)`: the error statuses a method may answer with (nova's
 * `@wsgi.expected_errors`). An HTTP error with any other status is reported as an unexpected
 * 500. Repeatable per version range; the codes of every range holding the version apply.
 */
import { InvalidDeclarationError } from '../../errors.js';
import { declareRepeatable } from '../metadata.js';
import { EXPECTED_ERRORS } from '../metadata-keys.js';
import { parseVersionRange } from '../version-range.js';
import { methodTarget } from './method-target.js';

/** Declares the error statuses (400-599) a method may raise for versions `min`..`max`. */
export function expectedErrors(
  codes: number | readonly number[],
  min?: string,
  max?: string
): MethodDecorator {
  return (target, key, descriptor) => {
    const { property, where } = methodTarget('expectedErrors', target, key, descriptor);
    const list = typeof codes === 'number' ? [codes] : [...codes];
    for (const code of list) {
      if (!Number.isInteger(code) || code < 400 || code > 599) {
        throw new InvalidDeclarationError(`${where}: ${String(code)} is not an error status code`);
      }
    }
    declareRepeatable(EXPECTED_ERRORS, target, property, {
      codes: list,
      range: parseVersionRange(where, min, max)
    });
  };
}
