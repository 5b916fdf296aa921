import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  listenAddressFor,
  loadConfig,
  type LoadConfigOptions
} from '../../../core/server/config.js';
import { assertConfigError, givenConfigFile } from './given.js';

describe('listenAddressFor', () => {
  test('uses [wsgi] host and port by default', () => {
    const config = loadConfig({ env: {}, overrides: { 'api.auth_strategy': 'token' } });
    assert.deepEqual(listenAddressFor(config, 'osapi_compute'), { host: '0.0.0.0', port: 8774 });
  });

  test('binds loopback under noauth2 when no address is set', () => {
    const config = loadConfig({ env: { WHARF_WSGI__PORT: '9000' } });
    assert.equal(config.api.auth_strategy, 'noauth2');
    assert.deepEqual(listenAddressFor(config, 'osapi_compute'), { host: '127.0.0.1', port: 9000 });
  });

  test('keeps an address set explicitly under noauth2, from any source', () => {
    const file = givenConfigFile('[wsgi]', 'host = 192.0.2.1');
    const cases: (LoadConfigOptions & { expected: string })[] = [
      { file, expected: '192.0.2.1' },
      { env: { WHARF_WSGI__HOST: '0.0.0.0' }, expected: '0.0.0.0' },
      { overrides: { 'wsgi.host': '::' }, expected: '::' },
      { overrides: { 'wsgi.osapi_compute_listen': '10.0.0.1' }, expected: '10.0.0.1' }
    ];
    for (const { expected, ...sources } of cases) {
      const config = loadConfig({ env: {}, ...sources });
      assert.equal(listenAddressFor(config, 'osapi_compute').host, expected);
    }
  });

  test("uses an API's own <api>_listen and <api>_listen_port", () => {
    const file = givenConfigFile(
      '[DEFAULT]',
      'enabled_apis = osapi_compute, metadata',
      '[wsgi]',
      'host = 127.0.0.1',
      'metadata_listen = 10.0.0.1',
      'metadata_listen_port = 8775'
    );
    const config = loadConfig({ file, env: { WHARF_WSGI__OSAPI_COMPUTE_LISTEN_PORT: '9000' } });
    assert.deepEqual(listenAddressFor(config, 'osapi_compute'), { host: '127.0.0.1', port: 9000 });
    assert.deepEqual(listenAddressFor(config, 'metadata'), { host: '10.0.0.1', port: 8775 });
  });

  test('rejects an API that is not enabled', () => {
    assertConfigError(
      () => listenAddressFor(loadConfig({ env: {} }), 'metadata'),
      /^API "metadata" is not in \[DEFAULT\] enabled_apis \(osapi_compute\)$/
    );
  });

  test('rejects a listen option of an API that is not enabled, naming its source', () => {
    const file = givenConfigFile('[wsgi]', 'metadata_listen_port = 8775');
    assertConfigError(
      () => loadConfig({ file, env: {} }),
      /:2: unknown option \[wsgi\] metadata_listen_port \("metadata" is not in \[DEFAULT\] enabled_apis\)$/
    );
  });

  test('rejects a bad per-API port, naming its source', () => {
    assertConfigError(
      () => loadConfig({ env: {}, overrides: { 'wsgi.osapi_compute_listen_port': 'x' } }),
      /^flag wsgi\.osapi_compute_listen_port: \[wsgi\] osapi_compute_listen_port = "x": expected an integer$/
    );
  });

  test('rejects two APIs on one address', () => {
    assertConfigError(
      () => loadConfig({ env: { WHARF_DEFAULT__ENABLED_APIS: 'osapi_compute,metadata' } }),
      /^default: APIs "osapi_compute" and "metadata" both listen on 127\.0\.0\.1:8774 \(set \[wsgi\] metadata_listen_port/
    );
  });

  test('lets two APIs share port 0 (each gets a free port)', () => {
    const config = loadConfig({
      env: { WHARF_DEFAULT__ENABLED_APIS: 'a,b', WHARF_WSGI__PORT: '0' }
    });
    assert.deepEqual([config.listen.a?.port, config.listen.b?.port], [0, 0]);
  });
});
