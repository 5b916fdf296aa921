import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compileBodySchema, compileQuerySchema } from '../../../core/api/index.js';
import { HTTPBadRequest, InvalidDeclarationError } from '../../../core/errors.js';

const SERVER_SCHEMA = {
  type: 'object',
  properties: {
    server: {
      type: 'object',
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 255 },
        min_count: { type: 'integer', minimum: 1 },
        networks: {
          type: 'array',
          items: {
            type: 'object',
            properties: { uuid: { type: 'string', format: 'uuid' } },
            additionalProperties: false
          }
        },
        metadata: {
          type: 'object',
          patternProperties: { '^[a-z]+$': { type: 'string' } },
          additionalProperties: false
        }
      },
      required: ['name'],
      additionalProperties: false
    }
  },
  required: ['server'],
  additionalProperties: false
};

const REBOOT_SCHEMA = {
  type: 'object',
  properties: {
    reboot: {
      type: 'object',
      properties: { type: { enum: ['SOFT', 'HARD', 'soft', 'hard'] } },
      required: ['type']
    }
  },
  required: ['reboot']
};

/** The message the body validator rejects `body` with (and asserts it is a 400). */
function givenBodyFailure(schema: object, body: unknown): string {
  const validate = compileBodySchema(schema);
  try {
    validate(body);
  } catch (error) {
    assert.ok(error instanceof HTTPBadRequest);
    assert.equal(error.statusCode, 400);
    assert.equal(error.code, 'WHARF_VALIDATION_FAILED');
    return error.message;
  }
  assert.fail('expected the body to be rejected');
}

describe('compileBodySchema', () => {
  test('accepts a valid body', () => {
    const validate = compileBodySchema(SERVER_SCHEMA);
    assert.doesNotThrow(() =>
      validate({
        server: { name: 'vm', networks: [{ uuid: '6a3e5bcb-13e0-4d1a-8a2c-5d3b0f9b3a11' }] }
      })
    );
  });

  test('reports a missing top-level property without a field', () => {
    assert.equal(givenBodyFailure(SERVER_SCHEMA, {}), "'server' is a required property");
  });

  test('reports a missing nested property on its parent object', () => {
    assert.equal(
      givenBodyFailure(SERVER_SCHEMA, { server: { min_count: 2 } }),
      "Invalid input for field/attribute server. Value: {'min_count': 2}. 'name' is a required property"
    );
  });

  test('reports an unexpected property', () => {
    assert.equal(
      givenBodyFailure(SERVER_SCHEMA, { server: { name: 'vm', foo: 1 } }),
      "Invalid input for field/attribute server. Value: {'name': 'vm', 'foo': 1}. Additional properties are not allowed ('foo' was unexpected)"
    );
  });

  test('lists every unexpected property, allowing pattern properties', () => {
    assert.equal(
      givenBodyFailure(SERVER_SCHEMA, {
        server: { name: 'vm', metadata: { ok: 'x', A: 'y', B: 'z' } }
      }),
      "Invalid input for field/attribute metadata. Value: {'ok': 'x', 'A': 'y', 'B': 'z'}. Additional properties are not allowed ('A', 'B' were unexpected)"
    );
  });

  test('reports a wrong type with the dotted path', () => {
    assert.equal(
      givenBodyFailure(SERVER_SCHEMA, { server: { name: 42 } }),
      "Invalid input for field/attribute name. Value: 42. 42 is not of type 'string'"
    );
    assert.equal(
      givenBodyFailure(SERVER_SCHEMA, { server: { name: 'vm', min_count: 'two' } }),
      "Invalid input for field/attribute min_count. Value: two. 'two' is not of type 'integer'"
    );
  });

  test('reports a value outside an enum as Python prints the list', () => {
    assert.equal(
      givenBodyFailure(REBOOT_SCHEMA, { reboot: { type: 'MEDIUM' } }),
      "Invalid input for field/attribute type. Value: MEDIUM. 'MEDIUM' is not one of ['SOFT', 'HARD', 'soft', 'hard']"
    );
  });

  test('reports a nested array item by index', () => {
    assert.equal(
      givenBodyFailure(SERVER_SCHEMA, { server: { name: 'vm', networks: [{ uuid: 'nope' }] } }),
      "Invalid input for field/attribute uuid. Value: nope. 'nope' is not a 'uuid'"
    );
  });

  test('reports bounds as jsonschema does', () => {
    assert.equal(
      givenBodyFailure(SERVER_SCHEMA, { server: { name: '' } }),
      "Invalid input for field/attribute name. Value: . '' is too short"
    );
    assert.equal(
      givenBodyFailure(SERVER_SCHEMA, { server: { name: 'vm', min_count: 0 } }),
      'Invalid input for field/attribute min_count. Value: 0. 0 is less than the minimum of 1'
    );
  });

  test('validates a missing body as null', () => {
    assert.equal(givenBodyFailure(SERVER_SCHEMA, null), "None is not of type 'object'");
  });

  test('quotes strings the way Python does', () => {
    assert.equal(
      givenBodyFailure({ type: 'object', properties: { a: { type: 'integer' } } }, { a: "it's" }),
      `Invalid input for field/attribute a. Value: it's. "it's" is not of type 'integer'`
    );
    assert.equal(
      givenBodyFailure(
        { type: 'object', properties: { a: { type: ['integer', 'null'] } } },
        { a: [true, 'x\n'] }
      ),
      "Invalid input for field/attribute a. Value: [True, 'x\\n']. [True, 'x\\n'] is not of type 'integer', 'null'"
    );
  });

  test('reports a combinator rather than its branches', () => {
    const schema = {
      type: 'object',
      properties: {
        port: { anyOf: [{ type: 'integer' }, { type: 'string', pattern: '^[0-9]+$' }] }
      }
    };
    assert.equal(
      givenBodyFailure(schema, { port: 'http' }),
      "Invalid input for field/attribute port. Value: http. 'http' is not valid under any of the given schemas"
    );
  });

  test('strips unknown properties for a legacy-v2 request and refuses them otherwise', () => {
    const validate = compileBodySchema(SERVER_SCHEMA);
    const body = { server: { name: 'vm', colour: 'red' }, other: true };
    assert.throws(() => validate(structuredClone(body)), HTTPBadRequest);
    validate(body, true);
    assert.deepEqual(body, { server: { name: 'vm' } });
    assert.throws(() => validate({ server: { name: '' } }, true), HTTPBadRequest);
  });

  test('shares one validator between equal schemas written in another key order', () => {
    const reordered = JSON.parse(JSON.stringify(REBOOT_SCHEMA), (_key, value: unknown) =>
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).reverse())
        : value
    ) as object;
    assert.equal(compileBodySchema(reordered), compileBodySchema(REBOOT_SCHEMA));
    assert.notEqual(compileBodySchema(SERVER_SCHEMA), compileBodySchema(REBOOT_SCHEMA));
  });

  test('refuses a schema its meta-schema refuses, naming the field', () => {
    assert.throws(() => compileBodySchema({ type: 'string', maxLength: -1 }), {
      code: 'WHARF_INVALID_DECLARATION',
      message: 'invalid JSON schema: schema is invalid: data/maxLength must be >= 0'
    });
  });

  test('refuses a schema ajv cannot compile', () => {
    assert.throws(
      () => compileBodySchema({ type: 'object', format: 'no-such-format' }),
      (error) => {
        return (
          error instanceof InvalidDeclarationError && /invalid JSON schema/.test(error.message)
        );
      }
    );
  });
});

const QUERY_SCHEMA = {
  type: 'object',
  properties: {
    limit: { type: 'string', pattern: '^[0-9]+$' },
    status: {
      anyOf: [
        { type: 'string', enum: ['ACTIVE', 'ERROR'] },
        { type: 'array', items: { type: 'string', enum: ['ACTIVE', 'ERROR'] } }
      ]
    },
    name: { type: 'array', items: { type: 'string', maxLength: 3 } }
  },
  additionalProperties: false
};

function givenQueryFailure(query: Record<string, string | string[]>): string {
  const validate = compileQuerySchema(QUERY_SCHEMA);
  try {
    validate(query);
  } catch (error) {
    assert.ok(error instanceof HTTPBadRequest);
    assert.equal(error.code, 'WHARF_VALIDATION_FAILED');
    return error.message;
  }
  assert.fail('expected the query to be rejected');
}

describe('compileQuerySchema', () => {
  test('accepts single and repeated parameters', () => {
    const validate = compileQuerySchema(QUERY_SCHEMA);
    assert.doesNotThrow(() => validate({ limit: '10', status: ['ACTIVE', 'ERROR'] }));
    assert.doesNotThrow(() => validate({ status: 'ACTIVE' }));
  });

  test('names the failing parameter', () => {
    assert.equal(
      givenQueryFailure({ limit: 'ten' }),
      "Invalid input for query parameters limit. Value: ten. 'ten' does not match '^[0-9]+$'"
    );
  });

  test('names a repeated parameter without the index of the bad value', () => {
    assert.equal(
      givenQueryFailure({ name: ['ok', 'toolong'] }),
      "Invalid input for query parameters name. Value: toolong. 'toolong' is too long"
    );
  });

  test('reports an unknown parameter', () => {
    assert.equal(
      givenQueryFailure({ sort: 'name' }),
      "Additional properties are not allowed ('sort' was unexpected)"
    );
  });
});
