/**
 * A declared schema is checked against the draft-07 meta-schema with the validator compiled
 * at build time (core/api/schema-check.ts), which refuses what ajv's own check refuses, with
 * the same message, and never makes ajv compile the meta-schema.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { AJV_OPTIONS } from '../../../core/api/ajv-options.js';
import { checkSchema } from '../../../core/api/schema-check.js';

/** Schemas the meta-schema refuses, one per kind of mistake an extension makes. */
const MALFORMED: object[] = [
  { type: 'string', maxLength: -1 },
  { type: 'strnig' },
  { type: 'object', required: 'name' },
  { type: 'object', properties: { name: { type: 'string', minLength: 1.5 } } },
  { type: 'object', properties: { name: 'string' } },
  { type: 'array', items: [{ type: 'string' }, 3] },
  { enum: 'ACTIVE' },
  { anyOf: [] },
  { type: 'string', pattern: 7 },
  { $id: 5 },
  { $schema: 'http://json-schema.org/draft-07/schema#', minimum: 'zero' }
];

/** ajv as wharf configures it, with its own meta-schema check. */
function givenCheckingAjv(): Ajv {
  const ajv = new Ajv(AJV_OPTIONS);
  addFormats.default(ajv);
  return ajv;
}

/** An ajv that fails the test if asked to check a schema itself. */
function givenLeanAjv(): Ajv {
  const ajv = new Ajv({ ...AJV_OPTIONS, validateSchema: false });
  ajv.validateSchema = () => assert.fail('ajv compiled its meta-schema');
  return ajv;
}

function messageOf(check: () => unknown): string {
  try {
    check();
  } catch (error) {
    return (error as Error).message;
  }
  return 'accepted';
}

describe('checkSchema', () => {
  for (const schema of MALFORMED) {
    test(`refuses ${JSON.stringify(schema)} with ajv's own message`, () => {
      const expected = messageOf(() => givenCheckingAjv().validateSchema(schema, true));
      assert.match(expected, /^schema is invalid: /);
      assert.equal(
        messageOf(() => checkSchema(givenLeanAjv(), schema)),
        expected
      );
    });
  }

  test('accepts a well-formed draft-07 schema without ajv compiling the meta-schema', () => {
    const schema = {
      $schema: 'http://json-schema.org/draft-07/schema',
      type: 'object',
      properties: { name: { type: 'string', maxLength: 255, format: 'uri' } },
      required: ['name'],
      additionalProperties: false
    };
    checkSchema(givenLeanAjv(), schema);
    checkSchema(givenLeanAjv(), true);
  });

  test('leaves a schema of another $schema to ajv', () => {
    const asked: unknown[] = [];
    const ajv = givenLeanAjv();
    ajv.validateSchema = (schema) => asked.push(schema) > 0;
    const schema = { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'string' };
    checkSchema(ajv, schema);
    assert.deepEqual(asked, [schema]);
  });
});
