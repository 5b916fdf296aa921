/**
 * wharf's request validation runs ajv from the bundle the build writes
 * (core/api/ajv-prebuilt.ts): none of the package's files is loaded, and the bundled ajv
 * compiles, refuses and reports exactly as the package does.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { Ajv as PackageAjv } from 'ajv';
import packageFormats from 'ajv-formats';
import { Ajv, addFormats } from '../../../core/api/ajv-prebuilt.js';
import { AJV_OPTIONS } from '../../../core/api/ajv-options.js';

/** The ajv and ajv-formats files a fresh process loaded to compile and run one body schema. */
function givenSchemaCompiledInAFreshProcess(): string[] {
  const url = pathToFileURL(join(import.meta.dirname, '../../../core/api/validation.js')).href;
  const script = `import { createRequire } from 'node:module';
const { compileBodySchema } = await import(${JSON.stringify(url)});
const check = compileBodySchema({ type: 'object', properties: { at: { type: 'string', format: 'date-time' } } });
try { check({ at: 'yesterday' }); } catch {}
const files = Object.keys(createRequire(import.meta.url).cache)
  .map((file) => /\\/node_modules\\/(ajv(?:-formats)?\\/.*)$/.exec(file)?.[1])
  .filter((file) => file !== undefined);
process.stdout.write(JSON.stringify(files));`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, NODE_OPTIONS: '' },
    encoding: 'utf8',
    timeout: 30_000
  });
  assert.equal(child.status, 0, child.stderr);
  return JSON.parse(child.stdout) as string[];
}

/** Schemas and values that fail them, one per kind of keyword and format a body uses. */
const CASES: [schema: object, value: unknown][] = [
  [{ type: 'object', required: ['name'], properties: { name: { type: 'string' } } }, {}],
  [{ type: 'object', additionalProperties: false, properties: {} }, { extra: 1 }],
  [{ type: 'string', minLength: 2, maxLength: 4 }, 'toolong'],
  [{ type: 'string', pattern: '^[a-z]+$' }, 'ABC'],
  [{ type: 'string', format: 'uuid' }, 'not-a-uuid'],
  [{ type: 'string', format: 'date-time' }, '2026-13-40T00:00:00Z'],
  [{ type: 'string', format: 'ipv4' }, '300.1.1.1'],
  [{ type: 'string', format: 'uri' }, 'no scheme'],
  [{ type: ['integer', 'string'], minimum: 1 }, 0],
  [{ enum: ['ACTIVE', 'ERROR'] }, 'BUILD'],
  [{ type: 'array', items: { type: 'integer' }, uniqueItems: true }, [1, 1]],
  [{ oneOf: [{ type: 'string' }, { type: 'integer' }] }, 1.5],
  [
    {
      type: 'object',
      properties: { a: { $ref: '#/definitions/n' } },
      definitions: { n: { type: 'null' } }
    },
    { a: 1 }
  ]
];

/** An ajv of either copy, configured as validation.ts configures its own. */
function givenAjv(copy: 'prebuilt' | 'package'): InstanceType<typeof PackageAjv> {
  if (copy === 'package') {
    const ajv = new PackageAjv({ ...AJV_OPTIONS });
    packageFormats.default(ajv);
    return ajv;
  }
  const ajv = new Ajv({ ...AJV_OPTIONS });
  addFormats(ajv);
  return ajv;
}

/** The message `run` throws, or undefined when it returns. */
function thrownMessage(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  return undefined;
}

describe('ajv prebuilt', () => {
  test("compiling and running a body schema loads none of ajv's or ajv-formats' own modules", () => {
    // Only the runtime helper the build-time meta-schema validator requires (schema-check.ts).
    assert.deepEqual(
      givenSchemaCompiledInAFreshProcess().filter((file) => !file.startsWith('ajv/dist/runtime/')),
      []
    );
  });

  test("reports every failure with the package's errors, word for word", () => {
    const [prebuilt, pkg] = [givenAjv('prebuilt'), givenAjv('package')];
    for (const [schema, value] of CASES) {
      const [ours, theirs] = [prebuilt.compile(schema), pkg.compile(schema)];
      assert.equal(ours(value), false, JSON.stringify(schema));
      assert.equal(theirs(value), false);
      assert.deepEqual(ours.errors, theirs.errors);
      assert.equal(prebuilt.errorsText(ours.errors), pkg.errorsText(theirs.errors));
    }
  });

  test("refuses the schemas the package refuses, with the package's message", () => {
    const refused = [
      { type: 'string', format: 'no-such-format' },
      { type: 'string', minLenght: 2 },
      { type: 'strnig' },
      { type: 'string', maxLength: -1 }
    ];
    const [prebuilt, pkg] = [givenAjv('prebuilt'), givenAjv('package')];
    for (const schema of refused) {
      const theirs = thrownMessage(() => pkg.compile(schema));
      assert.equal(typeof theirs, 'string', JSON.stringify(schema));
      assert.equal(
        thrownMessage(() => prebuilt.compile(schema)),
        theirs
      );
    }
  });
});
