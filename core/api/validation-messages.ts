/**
 * Turns an ajv error into the sentence Python's jsonschema would have written for it, which
 * nova puts in its 400 faults: `'name' is a required property`, `Additional properties are
 * not allowed ('foo' was unexpected)`, `1 is not of type 'string'`, and so on.
 */
import type { ErrorObject } from 'ajv';
import { pythonRepr } from './python-repr.js';

/**
 * The error to report from ajv's list. ajv (with `allErrors: false`) stops at the first
 * failure but lists the failing branches of a combinator before the combinator itself;
 * jsonschema reports the combinator, except for `if` and `propertyNames`, where it reports
 * the error inside.
 */
export function reportedError(errors: readonly ErrorObject[]): ErrorObject {
  let index = errors.length - 1;
  while (
    index > 0 &&
    (errors[index]!.keyword === 'if' || errors[index]!.keyword === 'propertyNames')
  )
    index -= 1;
  return errors[index]!;
}

/** The reason sentence for one ajv error (ajv must run with `verbose: true`). */
export function reasonFor(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  const value = pythonRepr(error.data);
  switch (error.keyword) {
    case 'required':
      return `${pythonRepr(params.missingProperty)} is a required property`;
    case 'additionalProperties':
      return `Additional properties are not allowed (${unexpectedProperties(error)})`;
    case 'type': {
      const types = Array.isArray(error.schema) ? error.schema : [error.schema];
      return `${value} is not of type ${types.map(pythonRepr).join(', ')}`;
    }
    case 'enum':
      return `${value} is not one of ${pythonRepr(params.allowedValues)}`;
    case 'const':
      return `${pythonRepr(params.allowedValue)} was expected`;
    case 'minLength':
    case 'minItems':
      return `${value} is too short`;
    case 'maxLength':
    case 'maxItems':
      return `${value} is too long`;
    case 'minimum':
      return `${value} is less than the minimum of ${pythonRepr(params.limit)}`;
    case 'maximum':
      return `${value} is greater than the maximum of ${pythonRepr(params.limit)}`;
    case 'exclusiveMinimum':
      return `${value} is less than or equal to the minimum of ${pythonRepr(params.limit)}`;
    case 'exclusiveMaximum':
      return `${value} is greater than or equal to the maximum of ${pythonRepr(params.limit)}`;
    case 'multipleOf':
      return `${value} is not a multiple of ${pythonRepr(params.multipleOf)}`;
    case 'pattern':
      return `${value} does not match ${pythonRepr(params.pattern)}`;
    case 'format':
      return `${value} is not a ${pythonRepr(params.format)}`;
    case 'uniqueItems':
      return `${value} has non-unique elements`;
    case 'minProperties':
      return `${value} does not have enough properties`;
    case 'maxProperties':
      return `${value} has too many properties`;
    case 'dependencies':
    case 'dependentRequired':
      return `${pythonRepr(params.missingProperty)} is a dependency of ${pythonRepr(params.property)}`;
    case 'not':
      return `${value} should not be valid under ${pythonRepr(error.schema)}`;
    case 'oneOf':
      if (Array.isArray(params.passingSchemas)) {
        const passing = params.passingSchemas.map((i: number) => (error.schema as unknown[])[i]);
        return `${value} is valid under each of ${passing.map(pythonRepr).join(', ')}`;
      }
      return `${value} is not valid under any of the given schemas`;
    case 'anyOf':
      return `${value} is not valid under any of the given schemas`;
    default:
      return `${value} ${error.message ?? 'is not valid'}`;
  }
}

/** `'foo' was unexpected` or `'a', 'b' were unexpected`, listing every extra key as jsonschema does. */
function unexpectedProperties(error: ErrorObject): string {
  const parent = (error.parentSchema ?? {}) as {
    properties?: Record<string, unknown>;
    patternProperties?: Record<string, unknown>;
  };
  const patterns = Object.keys(parent.patternProperties ?? {}).map((p) => new RegExp(p, 'u'));
  const declared = parent.properties ?? {};
  const extras =
    typeof error.data === 'object' && error.data !== null
      ? Object.keys(error.data).filter(
          (name) => !Object.hasOwn(declared, name) && !patterns.some((p) => p.test(name))
        )
      : [(error.params as { additionalProperty: string }).additionalProperty];
  return `${extras.map(pythonRepr).join(', ')} ${extras.length === 1 ? 'was' : 'were'} unexpected`;
}
