/**
 * `wharf/testing`: `checkExtension(dir)` finds each conformance problem in a package made to
 * have exactly that problem, and nothing in a good one; `wharf check --dropin DIR --strict`
 * reports the same findings; `createTestHost({ extensions })` serves extension classes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { APIExtensionBase, Controller, ResourceExtension, wsgi, type ApiRequest } from 'wharf';
import { checkExtension, createTestHost, type CheckReport, type TestHost } from 'wharf/testing';
import { createLogger } from '../../core/logger.js';
import {
  conformanceFixture,
  givenPackageFailingTypeCheck
} from '../helpers/conformance-fixtures.js';
import { runCli } from '../helpers/run-cli.js';

const logger = createLogger({ level: 'error' });

function kinds(report: CheckReport): string[] {
  return [...new Set(report.problems.map((problem) => problem.kind))].sort();
}

async function expectOnly(dir: string, expected: string[]): Promise<CheckReport> {
  const report = await checkExtension(dir, { logger });
  assert.deepEqual(kinds(report), expected, JSON.stringify(report.problems, null, 2));
  assert.equal(report.ok, expected.length === 0);
  return report;
}

describe('checkExtension', () => {
  test('finds nothing wrong with a package that has a resource and an action', async () => {
    await expectOnly(conformanceFixture('good'), []);
  });

  test('finds a package that imports only after the host loaded reflect-metadata', async () => {
    const report = await expectOnly(conformanceFixture('needs-host-state'), ['import']);
    assert.match(report.problems[0]!.message, /needs-host-state\/uses-reflect\.ts:7:3\)/);
  });

  test('finds a package that fails its type check, quoting the compiler', async () => {
    const report = await expectOnly(givenPackageFailingTypeCheck(), ['type-check']);
    assert.match(report.problems[0]!.message, /src\/count\.ts\(1,14\): error TS2322/);
  });

  test('finds an API extension that declares no resource, action or extension method', async () => {
    await expectOnly(conformanceFixture('declares-nothing'), ['declarations']);
  });

  test('finds a schema that does not compile', async () => {
    await expectOnly(conformanceFixture('bad-schema'), ['schema']);
  });

  test('finds an entry point shadowed by a bundled one of the same name', async () => {
    const report = await expectOnly(conformanceFixture('shadowing'), ['shadowed']);
    assert.match(report.problems[0]!.message, /wharf\.api\.v21\.extensions:servers/);
  });

  test('finds an alias collision with the bundled set', async () => {
    await expectOnly(conformanceFixture('../check/dropins/colliding'), ['collision']);
  });

  test('finds the one alias of many the host no longer checks clean without (grouped checks)', async () => {
    const report = await expectOnly(conformanceFixture('breaks-when-disabled'), ['disabled-start']);
    assert.deepEqual(
      report.problems.map((problem) => problem.extensions),
      [['levers', 'lever-extras']]
    );
    assert.match(report.problems[0]!.message, /with "levers" disabled/);
  });

  test('reports a folder with no wharf package in it', async () => {
    await expectOnly(conformanceFixture('../options'), ['declarations']);
  });
});

describe('wharf check --dropin DIR --strict', () => {
  test('reports the same findings as checkExtension', async () => {
    const dir = conformanceFixture('declares-nothing');
    const result = await runCli(['check', '--strict', '--json', '--dropin', dir]);
    assert.equal(result.code, 1, result.stderr);
    const printed = JSON.parse(result.stdout) as CheckReport;
    assert.deepEqual(printed.problems, (await checkExtension(dir, { logger })).problems);
  });
});

class GearsController extends Controller {
  show(req: ApiRequest) {
    return { gear: { id: req.params.id } };
  }

  @wsgi.response(202)
  @wsgi.action('turn')
  turn(_req: ApiRequest) {}
}

class Gears extends APIExtensionBase {
  readonly name = 'Gears';
  readonly alias = 'gears';
  override readonly version = 1;
  override getResources() {
    return [new ResourceExtension('gears', new GearsController())];
  }
}

describe('createTestHost({ extensions })', () => {
  let host: TestHost;
  before(async () => {
    host = await createTestHost({ extensions: [Gears], logger });
  });
  after(() => host.close());

  test('serves the classes’ resources and actions beside the bundled ones', async () => {
    const shown = await host.request('GET', '/v2.1/gears/g1');
    assert.equal(shown.status, 200, shown.text);
    assert.deepEqual(shown.body, { gear: { id: 'g1' } });
    const turned = await host.request('POST', '/v2.1/gears/g1/action', { body: { turn: null } });
    assert.equal(turned.status, 202, turned.text);
    assert.equal((await host.request('GET', '/v2.1/flavors')).status, 200);
  });
});
