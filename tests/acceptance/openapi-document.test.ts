import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { runCli } from '../helpers/run-cli.js';
import { givenTestHost, type TestHost } from '../helpers/test-host.js';

const DROPINS = fileURLToPath(new URL('../fixtures/openapi/dropins/', import.meta.url));
const CONFLICTING = fileURLToPath(new URL('../fixtures/openapi/conflicting/', import.meta.url));

type Json = Record<string, any>;

/** Runs `wharf openapi ... --out F` and returns the document it wrote. */
async function givenDocument(...args: string[]): Promise<Json> {
  const out = join(mkdtempSync(join(tmpdir(), 'wharf-openapi-')), 'openapi.json');
  const result = await runCli(['openapi', ...args, '--out', out]);
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(readFileSync(out, 'utf8')) as Json;
}

async function assertValidOpenApi31(document: Json): Promise<void> {
  const validator = new Validator();
  const result = await validator.validate(document);
  assert.equal(validator.version, '3.1');
  assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));
}

describe('wharf openapi (bundled extensions)', () => {
  let document: Json;
  before(async () => {
    document = await givenDocument();
  });

  test('validates against the OpenAPI 3.1 schema', async () => {
    await assertValidOpenApi31(document);
  });

  test('the validator rejects a broken document, so the check above can fail', async () => {
    const validator = new Validator();
    const broken = { ...document, paths: { servers: document.paths['/servers'] } };
    assert.equal((await validator.validate(broken)).valid, false);
  });

  test('describes every route and method, with its owning extension', () => {
    assert.deepEqual(Object.keys(document.paths['/servers/{id}']).sort(), ['delete', 'get', 'put']);
    assert.equal(document.paths['/servers'].post['x-wharf-extension'], 'servers');
    assert.equal(
      document.paths['/flavors/{flavor_id}/os-extra_specs'].get['x-wharf-extension'],
      'os-flavor-extra-specs'
    );
  });

  test('makes POST .../action a oneOf over the actions, keyed by action name', () => {
    const operation = document.paths['/servers/{id}/action'].post;
    const branches = operation.requestBody.content['application/json'].schema.oneOf as Json[];
    const names = branches.map((branch) => branch.title).sort();
    assert.deepEqual(names, [
      'lock',
      'os-start',
      'os-stop',
      'pause',
      'reboot',
      'resume',
      'suspend',
      'unlock',
      'unpause'
    ]);
    for (const branch of branches) assert.deepEqual(branch.required, [branch.title]);
    const reboot = branches.find((branch) => branch.title === 'reboot')!;
    assert.equal(reboot['x-wharf-extension'], 'os-server-reboot');
    assert.equal(reboot.allOf[0].properties.reboot.required[0], 'type');
    const listed = (operation['x-wharf-actions'] as Json[]).map((action) => action.action).sort();
    assert.deepEqual(listed, names);
  });

  test('names the policy rule and sub-rules each handler, action and processor declares', () => {
    assert.deepEqual(document.paths['/flavors'].get['x-wharf-policy'], {
      rule: 'os_compute_api:flavors',
      subRules: []
    });
    assert.deepEqual(document.paths['/limits'].get['x-wharf-policy'], {
      rule: 'os_compute_api:limits',
      subRules: ['os_compute_api:limits:other_project']
    });
    const actions = document.paths['/servers/{id}/action'].post['x-wharf-actions'] as Json[];
    assert.deepEqual(actions.find((action) => action.action === 'unlock')!['x-wharf-policy'], {
      rule: 'os_compute_api:os-lock-server:unlock',
      subRules: ['os_compute_api:os-lock-server:unlock:unlock_override']
    });
    const detail = document.paths['/servers/detail'].get['x-wharf-processors'] as Json[];
    assert.deepEqual(
      detail.find((processor) => processor.extension === 'OS-EXT-STS')!['x-wharf-policy'],
      { rule: 'os_compute_api:os-extended-status', subRules: [] }
    );
    const sts = (document['x-wharf-extensions'] as Json[]).find((e) => e.alias === 'OS-EXT-STS')!;
    assert.ok(
      (sts.processors as Json[]).every(
        (p) => (p.policy as Json).rule === 'os_compute_api:os-extended-status'
      )
    );
  });

  test('takes response codes from @wsgi.response and faults from @wsgi.expectedErrors', () => {
    const create = document.paths['/servers'].post;
    assert.ok(create.responses['202'], Object.keys(create.responses).join());
    const show = document.paths['/servers/{id}'].get;
    assert.deepEqual(show.responses['404'], { $ref: '#/components/responses/Fault404' });
    const fault = document.components.responses.Fault404.content['application/json'].schema;
    assert.deepEqual(fault.required, ['itemNotFound']);
    assert.ok(show.responses['200'].headers['OpenStack-API-Version']);
    const parameters = (show.parameters as Json[]).map((p) => p.$ref ?? p.name);
    assert.ok(parameters.includes('#/components/parameters/OpenStackApiVersion'));
  });

  test('shows the fields post-processors add, each with its extension', () => {
    const detail =
      document.paths['/servers/detail'].get.responses['200'].content['application/json'].schema;
    const fields = detail.properties.servers.items.properties;
    assert.equal(fields['OS-EXT-STS:power_state'].type, 'integer');
    assert.equal(fields['OS-EXT-STS:power_state']['x-wharf-extension'], 'OS-EXT-STS');
    assert.equal(fields['OS-DCF:diskConfig']['x-wharf-extension'], 'OS-DCF');
    const sts = (document['x-wharf-extensions'] as Json[]).find((e) => e.alias === 'OS-EXT-STS')!;
    assert.ok(
      sts.processors.some(
        (p: Json) => p.extends === 'show' && p.addsFields.includes('server OS-EXT-STS:vm_state')
      )
    );
  });

  test('a pinned microversion outside the range is refused naming it, exit 2', async () => {
    const result = await runCli(['openapi', '--microversion', '9.9']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /WHARF_API_VERSION_NOT_SUPPORTED/);
  });

  test('an unwritable --out is refused naming the file, exit 2', async () => {
    const result = await runCli(['openapi', '--out', '/nonexistent-dir/openapi.json']);
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      /\/nonexistent-dir\/openapi\.json: cannot write: ENOENT \[WHARF_OUTPUT_FILE\]/
    );
  });
});

describe('wharf openapi (with a drop-in)', () => {
  test('adds the drop-in routes, action and declared field, and still validates', async () => {
    const document = await givenDocument('--dropin', DROPINS, '--microversion', 'latest');
    await assertValidOpenApi31(document);
    assert.equal(document.paths['/gadgets/{id}'].get['x-wharf-extension'], 'gadgets');
    const paint = document.paths['/gadgets/{id}/action'].post;
    assert.equal(paint.responses['202'].description, 'success');
    const show =
      document.paths['/servers/{id}'].get.responses['200'].content['application/json'].schema;
    assert.deepEqual(show.properties.server.properties['gadget:count'], {
      type: 'integer',
      'x-wharf-extension': 'gadgets'
    });
  });
});

describe('declared response fields at start-up', () => {
  test('wharf check refuses two extensions adding the same field to one response', async () => {
    const result = await runCli(['check', '--json', '--dropin', CONFLICTING]);
    assert.equal(result.code, 1, result.stderr);
    const report = JSON.parse(result.stdout) as { problems: Json[] };
    const collision = report.problems.find((problem) => problem.kind === 'collision')!;
    assert.match(collision.message, /both add the field "OS-EXT-AZ:availability_zone" to "server"/);
    assert.deepEqual([...collision.extensions].sort(), ['OS-EXT-AZ', 'az-twin']);
  });
});

describe('GET /v2.1/openapi.json', () => {
  let host: TestHost;
  before(async () => {
    host = await givenTestHost();
  });
  after(() => host.close());

  test('serves the document without a token, its server URL the public base URL', async () => {
    const reply = await host.call('GET', '/v2.1/openapi.json', { token: null });
    assert.equal(reply.status, 200);
    assert.equal(reply.body.openapi, '3.1.0');
    assert.deepEqual(reply.body.servers, [{ url: `${host.url}/v2.1` }]);
    assert.ok(reply.body.paths['/servers/detail']);
  });
});
