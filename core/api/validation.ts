/**
 * JSON-schema validation of request bodies and query strings (nova's `validation` package),
 * on ajv 8 with ajv-formats. Each schema is compiled once, when a controller is described;
 * a request only runs the compiled function. A failure is a 400 `badRequest` fault with
 * nova's message: `Invalid input for field/attribute NAME. Value: V. REASON`.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv, addFormats } from './ajv-prebuilt.js';
import { AJV_OPTIONS } from './ajv-options.js';
import { InvalidDeclarationError, ValidationFailedError } from '../errors.js';
import { pythonStr } from './python-repr.js';
import { canonicalJson } from './canonical-json.js';
import { checkSchema } from './schema-check.js';
import { reasonFor, reportedError } from './validation-messages.js';

/**
 * Checks a request body; throws HTTPBadRequest (`WHARF_VALIDATION_FAILED`) when invalid.
 * `legacyV2` (a request through the `legacy_v2_compatible` filter) tolerates keys the
 * schema does not name and strips them, as nova's v2-compatible mode does.
 */
export type BodyValidator = (body: unknown, legacyV2?: boolean) => void;

/** Checks query parameters (strings, arrays for repeated ones); throws like BodyValidator. */
export type QueryValidator = (query: Readonly<Record<string, string | string[]>>) => void;

// One instance for the process; ajv itself caches compiled functions by schema object. It
// does not check schemas against the meta-schema itself: `compile` does, with the validator
// compiled at build time (schema-check.ts).
const ajv = new Ajv({ ...AJV_OPTIONS, validateSchema: false });
addFormats(ajv);
// The legacy-v2 twin (`removeAdditional` drops what `additionalProperties: false` forbids)
// is made on the first legacy-v2 request: see `compileBodySchema`.
let relaxedAjv: Ajv | undefined;

// Validators by the canonical JSON of their schema: equal schemas declared by different
// controllers (or extensions) share one compiled function.
const bodyValidators = new Map<string, BodyValidator>();
const queryValidators = new Map<string, QueryValidator>();

/**
 * Compiles a body schema, or returns the validator of an equal schema compiled before. A
 * schema ajv rejects throws InvalidDeclarationError. The body is validated as it is, so a
 * missing body (null) fails a schema that wants an object.
 *
 * Only the strict validator is compiled here, at start-up. Its legacy-v2 twin is compiled on
 * the first request through the `legacy_v2_compatible` filter (the `/v2` prefix) that
 * reaches this schema: the one thing deliberately left for a first request, so start-up
 * does not pay a second compile of every schema (and of ajv's meta-schema) for a prefix most
 * deployments never serve. The schema compiled strictly first, so the twin cannot fail.
 */
export function compileBodySchema(schema: object | boolean): BodyValidator {
  return cached(bodyValidators, schema, () => {
    const strict = compile(schema);
    let relaxed: ValidateFunction | undefined;
    return (body, legacyV2 = false) => {
      const validate = legacyV2 ? (relaxed ??= compile(schema, relaxedCompiler())) : strict;
      if (!validate(body)) throw validationFailure(validate.errors!, bodyDetail);
    };
  });
}

/**
 * Compiles a query-string schema (or returns that of an equal schema); failures name the
 * query parameter, as nova does.
 */
export function compileQuerySchema(schema: object | boolean): QueryValidator {
  return cached(queryValidators, schema, () => {
    const validate = compile(schema);
    return (query) => {
      if (!validate(query)) throw validationFailure(validate.errors!, queryDetail);
    };
  });
}

function cached<V>(validators: Map<string, V>, schema: object | boolean, build: () => V): V {
  const key = canonicalJson(schema);
  const known = key === undefined ? undefined : validators.get(key);
  if (known !== undefined) return known;
  const built = build();
  if (key !== undefined) validators.set(key, built);
  return built;
}

// Schemas reach the twin only after the strict instance checked them against the meta-schema.
function relaxedCompiler(): Ajv {
  if (relaxedAjv === undefined) {
    relaxedAjv = new Ajv({ ...AJV_OPTIONS, removeAdditional: true, validateSchema: false });
    addFormats(relaxedAjv);
  }
  return relaxedAjv;
}

function compile(schema: object | boolean, compiler: Ajv = ajv): ValidateFunction {
  try {
    if (compiler === ajv) checkSchema(ajv, schema);
    return compiler.compile(schema);
  } catch (error) {
    throw new InvalidDeclarationError(`invalid JSON schema: ${(error as Error).message}`);
  }
}

type Detail = (path: string[], error: ErrorObject, reason: string) => string;

function validationFailure(errors: readonly ErrorObject[], detail: Detail): ValidationFailedError {
  const error = reportedError(errors);
  const reason = reasonFor(error);
  const path = pathOf(error.instancePath);
  const message = path.length === 0 ? reason : detail(path, error, reason);
  return new ValidationFailedError(message);
}

// nova names the failing property alone (jsonschema's `path.pop()`), not the whole path.
function bodyDetail(path: string[], error: ErrorObject, reason: string): string {
  return `Invalid input for field/attribute ${path[path.length - 1]!}. Value: ${pythonStr(error.data)}. ${reason}`;
}

// Only the parameter's name: an index into a repeated parameter means nothing to the caller.
function queryDetail(path: string[], error: ErrorObject, reason: string): string {
  return `Invalid input for query parameters ${path[0]!}. Value: ${pythonStr(error.data)}. ${reason}`;
}

/** `/server/name` -> `['server', 'name']` (JSON pointer, `~1` and `~0` unescaped). */
function pathOf(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'));
}
