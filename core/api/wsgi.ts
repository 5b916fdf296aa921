/**
 * The decorators under nova's spelling: `@wsgi.action('os-start')`, `@wsgi.extends()`,
 * `@wsgi.extends({ action: 'resize' })`, `@wsgi.response(202)`, ... A namespace object rather
 * than bare exports because `extends` is a reserved word in TypeScript.
 */
import { action } from './decorators/action.js';
import { addsFields } from './decorators/adds-fields.js';
import { apiVersion } from './decorators/api-version.js';
import { expectedErrors } from './decorators/expected-errors.js';
import { extendsMethod, type ExtendsOptions } from './decorators/extends.js';
import { querySchema } from './decorators/query-schema.js';
import { policy } from './decorators/policy.js';
import { response } from './decorators/response.js';
import { schema } from './decorators/schema.js';
import { variant } from './decorators/variant.js';

/** The API decorators, each a method decorator factory; see `wsgi`. */
export interface WsgiDecorators {
  /** `@wsgi.action(name)`: handles `POST .../action` whose body's single key is `name`. */
  readonly action: (name: string) => MethodDecorator;
  /** `@wsgi.extends(options?)`: extends another controller's method or action (pre or post). */
  readonly extends: (options?: ExtendsOptions) => MethodDecorator;
  /** `@wsgi.response(code, min?, max?)`: the success status for versions `min`..`max`. */
  readonly response: (code: number, min?: string, max?: string) => MethodDecorator;
  /** `@wsgi.expectedErrors(codes, min?, max?)`: the error statuses a method may answer with. */
  readonly expectedErrors: (
    codes: number | readonly number[],
    min?: string,
    max?: string
  ) => MethodDecorator;
  /** `@wsgi.apiVersion(min?, max?)`: the microversions in which a method exists. */
  readonly apiVersion: (min?: string, max?: string) => MethodDecorator;
  /** `@wsgi.schema(jsonSchema, min?, max?)`: the request body's JSON schema, per range. */
  readonly schema: (jsonSchema: object | boolean, min?: string, max?: string) => MethodDecorator;
  /** `@wsgi.querySchema(jsonSchema, min?, max?)`: the query string's JSON schema, per range. */
  readonly querySchema: (
    jsonSchema: object | boolean,
    min?: string,
    max?: string
  ) => MethodDecorator;
  /** `@wsgi.addsFields(at, fields)`: the response fields (name -> JSON schema) added under `at`. */
  readonly addsFields: (
    at: string,
    fields: Readonly<Record<string, object | boolean>>
  ) => MethodDecorator;
  /** `@wsgi.variant(name)`: a versioned variant of the controller method `name`. */
  readonly variant: (name: string) => MethodDecorator;
  /**
   * `@wsgi.policy(rule, ...subRules)`: the policy rule the method enforces, and the sub-rules
   * (`RULE:sub`, named by `sub`) it checks in some cases only.
   */
  readonly policy: (rule: string, ...subRules: string[]) => MethodDecorator;
}

/** Every API decorator, as `wsgi.<name>`. */
export const wsgi: WsgiDecorators = Object.freeze({
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
