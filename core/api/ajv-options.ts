/**
 * The options of wharf's ajv instances (core/api/validation.ts), in their own module so that
 * the build compiles the JSON Schema meta-schema with exactly these
 * (scripts/json-schema-meta.mjs, core/api/schema-check.ts).
 */

/** ajv options of request validation: strict about schemas, lenient about unions. */
export const AJV_OPTIONS = {
  allErrors: false,
  verbose: true, // the messages print the failing value and read the failing schema
  strictSchema: true, // an unknown keyword or format is a declaration error, not ignored
  strictTypes: false,
  strictTuples: false,
  allowUnionTypes: true,
  logger: false
} as const;
