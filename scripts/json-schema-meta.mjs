// Compiles the JSON Schema draft-07 meta-schema, with ajv's standalone code generator and the
// options of wharf's validation (dist/core/api/ajv-options.js), into
// dist/core/api/json-schema-meta.cjs, so that a start-up checks declared schemas without
// compiling the meta-schema (core/api/schema-check.ts). Runs after tsc: it reads the
// compiled options.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Ajv } = require('ajv');
const standaloneCode = require('ajv/dist/standalone').default;
const addFormats = require('ajv-formats');
const { AJV_OPTIONS } = await import('../dist/core/api/ajv-options.js');

const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true } });
addFormats(ajv);
const meta = ajv.getSchema('http://json-schema.org/draft-07/schema');
writeFileSync('dist/core/api/json-schema-meta.cjs', standaloneCode(ajv, meta));
