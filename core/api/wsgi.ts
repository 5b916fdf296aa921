/**
 * The decorators under nova's spelling: `@wsgi.action('os-start')`, `@wsgi.extends()`,
 * `@wsgi.extends({ action: 'resize' })`, `@wsgi.response(202)`, ... A namespace object rather
 * than bare exports because `extends` is a reserved word in TypeScript.
 */
import { action } from './decorators/action.js';
import { addsFields } from './decorators/adds-fields.js';
import { apiVersion } from './decorators/api-version.js';
import { expectedErrors } from './decorators/expected-errors.js';
import { extendsMethod } from './decorators/extends.js';
import { querySchema } from './decorators/query-schema.js';
import { policy } from './decorators/policy.js';
import { response } from './decorators/response.js';
import { schema } from './decorators/schema.js';
import { variant } from './decorators/variant.js';

/** Every API decorator, as `wsgi.<name>`. */
export const wsgi = Object.freeze({
  action,
  extends: extendsMethod,
  response,
  expectedErrors,
  apiVersion,
  schema,
  querySchema,
  addsFields,
  variant,
  policy
});
