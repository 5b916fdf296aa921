/**
 * Checks a JSON schema against the JSON Schema draft-07 meta-schema before ajv compiles it,
 * as ajv's own `validateSchema` does, but with a validator compiled at build time: ajv's
 * standalone code of the meta-schema, written by scripts/json-schema-meta.mjs to
 * `dist/core/api/json-schema-meta.cjs` with the options of ajv-options.ts. ajv compiling the
 * meta-schema on its first use was 35-45 ms of CPU of every start-up (docs/performance.md,
 * "Start-up"). A schema that names another `$schema` goes through ajv's own check.
 */
import { createRequire } from 'node:module';
import type { Ajv, ValidateFunction } from 'ajv';

const DRAFT_07: ReadonlySet<unknown> = new Set([
  'http://json-schema.org/draft-07/schema',
  'http://json-schema.org/draft-07/schema#'
]);

const validateDraft07 = createRequire(import.meta.url)(
  './json-schema-meta.cjs'
) as ValidateFunction;

/**
 * Throws ajv's error for a schema its meta-schema refuses (`schema is invalid: data/maxLength
 * must be >= 0`), word for word as `ajv.compile` would; `ajv` renders the errors and checks
 * a schema of another `$schema`.
 */
export function checkSchema(ajv: Ajv, schema: object | boolean): void {
  if (typeof schema === 'boolean') return;
  const declared = (schema as { $schema?: unknown }).$schema;
  if (declared !== undefined && !DRAFT_07.has(declared)) {
    ajv.validateSchema(schema, true);
    return;
  }
  if (!validateDraft07(schema)) {
    throw new Error(`schema is invalid: ${ajv.errorsText(validateDraft07.errors)}`);
  }
}
