/**
 * Two APIs in `[DEFAULT] enabled_apis` reaching the same API router: their requests, errors
 * and latencies are told apart by the `api` label (the API the request came in through).
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { APIExtensionBase, Controller, ResourceExtension, type ApiRequest } from 'wharf';
import { createTestHost, type TestHost } from 'wharf/testing';
import { createLogger } from '../../core/logger.js';
import { sample } from '../helpers/prometheus-sample.js';

const PASTE = fileURLToPath(new URL('../fixtures/two-apis/metrics-paste.ini', import.meta.url));

class GaugesController extends Controller {
  show(req: ApiRequest) {
    if (req.params.id === 'broken') throw new Error('gauge broken');
    return { gauge: { id: req.params.id } };
  }
}

class Gauges extends APIExtensionBase {
  readonly name = 'Gauges';
  readonly alias = 'gauges';
  override readonly version = 1;
  override getResources() {
    return [new ResourceExtension('gauges', new GaugesController())];
  }
}

describe('GET /v2.1/metrics with two APIs', () => {
  let host: TestHost;
  let internal: Server;
  let text: string;
  before(async () => {
    host = await createTestHost({
      extensions: [Gauges],
      config: {
        'wsgi.api_paste_config': PASTE,
        'DEFAULT.enabled_apis': 'osapi_compute, osapi_internal',
        'wsgi.osapi_internal_listen_port': '8775'
      },
      logger: createLogger({ silent: true })
    });
    internal = createServer(host.host.apps.get('osapi_internal')!);
    await new Promise<void>((resolve) => internal.listen(0, '127.0.0.1', resolve));
    const internalUrl = `http://127.0.0.1:${(internal.address() as AddressInfo).port}`;
    const token = { 'x-auth-token': 'user1:project1' };
    const viaInternal = (path: string) => fetch(`${internalUrl}${path}`, { headers: token });
    for (let i = 0; i < 2; i++)
      assert.equal((await host.request('GET', '/v2.1/gauges/a')).status, 200);
    assert.equal((await host.request('GET', '/v2.1/gauges/broken')).status, 500);
    for (let i = 0; i < 3; i++) assert.equal((await viaInternal('/v2.1/gauges/a')).status, 200);
    // Four faults in all: one short of the default quarantine threshold.
    for (let i = 0; i < 3; i++)
      assert.equal((await viaInternal('/v2.1/gauges/broken')).status, 500);
    const reply = await host.request('GET', '/v2.1/metrics', { token: 'admin:admin' });
    assert.equal(reply.status, 200);
    text = reply.text;
  });
  after(async () => {
    internal.closeAllConnections();
    await new Promise<void>((resolve) => internal.close(() => resolve()));
    await host.close();
  });

  const answered = (api: string, status: string) => ({
    api,
    route: '/gauges/{id}',
    method: 'GET',
    status,
    extension: 'gauges'
  });

  test('counts each API’s requests under its own name', () => {
    assert.equal(sample(text, 'wharf_requests_total', answered('osapi_compute', '200')), 2);
    assert.equal(sample(text, 'wharf_requests_total', answered('osapi_internal', '200')), 3);
  });

  test('counts each API’s 5xx answers under its own name', () => {
    assert.equal(sample(text, 'wharf_request_errors_total', answered('osapi_compute', '500')), 1);
    assert.equal(sample(text, 'wharf_request_errors_total', answered('osapi_internal', '500')), 3);
    assert.equal(
      sample(text, 'wharf_request_errors_total', answered('osapi_internal', '200')),
      undefined
    );
  });

  test('times each API’s requests under its own name', () => {
    const count = 'wharf_request_duration_seconds_count';
    assert.equal(sample(text, count, answered('osapi_compute', '200')), 2);
    assert.equal(sample(text, count, answered('osapi_internal', '500')), 3);
  });
});
