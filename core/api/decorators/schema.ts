/**
 * `@schema(jsonSchema, min?, max?)`: the JSON schema a method's request body must satisfy,
 * per microversion range (nova's `@validation.schema`). Repeatable; the first declaration in
 * source order whose range holds the request's version applies. Schemas are compiled once,
 * when the controller is described, never per request.
 */
import { InvalidDeclarationError } from '../../errors.js';
import { declareRepeatable } from '../metadata.js';
import { SCHEMA, type MetadataKey, type SchemaDeclaration } from '../metadata-keys.js';
import { parseVersionRange } from '../version-range.js';
import { methodTarget } from './method-target.js';

/** Builds a schema decorator recording under `key`; shared by `@schema` and `@querySchema`. */
export function schemaDecorator(
  key: MetadataKey<readonly SchemaDeclaration[]>,
  decorator: string
): (jsonSchema: object | boolean, min?: string, max?: string) => MethodDecorator {
  return (jsonSchema, min, max) => (target, name, descriptor) => {
    const { property, where } = methodTarget(decorator, target, name, descriptor);
    if (
      typeof jsonSchema !== 'boolean' &&
      (typeof jsonSchema !== 'object' || jsonSchema === null)
    ) {
      throw new InvalidDeclarationError(`${where}: the schema must be an object or a boolean`);
    }
    declareRepeatable(key, target, property, {
      schema: jsonSchema,
      range: parseVersionRange(where, min, max)
    });
  };
}

/** Validates the request body against `jsonSchema` for versions `min`..`max`. */
export const schema = schemaDecorator(SCHEMA, 'schema');
