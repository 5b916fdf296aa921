/**
 * `@querySchema(jsonSchema, min?, max?)`: the JSON schema a method's query string must
 * satisfy, per microversion range (nova's `@validation.query_schema`). The query arrives as
 * an object whose values are strings, or arrays of strings for repeated parameters.
 * Repeatable like `@schema`.
 */
import { QUERY_SCHEMA } from '../metadata-keys.js';
import { schemaDecorator } from './schema.js';

/** Validates the query parameters against `jsonSchema` for versions `min`..`max`. */
export const querySchema = schemaDecorator(QUERY_SCHEMA, 'querySchema');
