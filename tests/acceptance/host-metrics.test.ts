import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sample } from '../helpers/prometheus-sample.js';
import { givenTestHost, type TestHost } from '../helpers/test-host.js';

describe('GET /v2.1/metrics', () => {
  let host: TestHost;
  let text: string;
  before(async () => {
    host = await givenTestHost();
    for (let i = 0; i < 3; i++) assert.equal((await host.call('GET', '/v2.1/flavors')).status, 200);
    assert.equal((await host.call('GET', '/v2.1/servers/detail')).status, 200);
    assert.equal((await host.call('GET', '/v2.1/servers/nope')).status, 404);
    assert.equal((await host.call('GET', '/v2.1/no-such-collection')).status, 404);
    const reply = await host.call('GET', '/v2.1/metrics', { token: 'admin:admin' });
    assert.equal(reply.status, 200);
    assert.match(reply.headers.get('content-type')!, /^text\/plain/);
    text = reply.text;
  });
  after(() => host.close());

  test('is for administrators only', async () => {
    const reply = await host.call('GET', '/v2.1/metrics');
    assert.equal(reply.status, 403);
    assert.equal(reply.body.forbidden.code, 403);
  });

  test('counts requests by API, route, method, status and owning extension', () => {
    const flavors = {
      api: 'osapi_compute',
      route: '/flavors',
      method: 'GET',
      status: '200',
      extension: 'flavors'
    };
    assert.equal(sample(text, 'wharf_requests_total', flavors), 3);
    assert.equal(sample(text, 'wharf_request_duration_seconds_count', flavors), 3);
    const missing = { route: '/servers/{id}', status: '404', extension: 'servers' };
    assert.equal(sample(text, 'wharf_requests_total', missing), 1);
    assert.equal(sample(text, 'wharf_requests_total', { route: 'unmatched', status: '404' }), 1);
    assert.equal(sample(text, 'wharf_request_errors_total', flavors), undefined);
  });

  test('times the post-processors of each extension', () => {
    for (const extension of ['OS-EXT-STS', 'OS-EXT-AZ', 'OS-DCF']) {
      const count = sample(text, 'wharf_processor_duration_seconds_count', {
        extension,
        phase: 'post'
      });
      assert.equal(count, 1, extension);
    }
  });

  test('reports quarantine state and fault counts per extension', () => {
    assert.equal(sample(text, 'wharf_extension_quarantined', { extension: 'servers' }), 0);
    assert.equal(sample(text, 'wharf_extension_faults_total', { extension: 'servers' }), 0);
  });

  test('includes event-loop delay and process metrics', () => {
    assert.match(text, /^nodejs_eventloop_lag_p99_seconds \S+$/m);
    assert.match(text, /^process_cpu_user_seconds_total \S+$/m);
  });
});
