import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError } from '../../../core/errors.js';
import { loadConfig } from '../../../core/server/config.js';
import {
  drainTimeoutMsOf,
  httpServerOptionsFor
} from '../../../core/server/http-server-options.js';
import { quietLogger } from './given.js';

describe('httpServerOptionsFor', () => {
  test('turns the [wsgi] options into server options, times in milliseconds', () => {
    const config = loadConfig({
      env: {},
      overrides: {
        'wsgi.host': '127.0.0.1',
        'wsgi.port': '9000',
        'wsgi.backlog': '64',
        'wsgi.max_header_size': '8192',
        'wsgi.keep_alive_timeout': '2.5',
        'wsgi.request_timeout': '0',
        'wsgi.max_url_length': '2048',
        'wsgi.max_concurrent_requests': '10',
        'wsgi.max_queue_wait': '0.25',
        'wsgi.drain_timeout': '1.5',
        'wsgi.client_socket_timeout': '0.25',
        'wsgi.warm_up_paths': '/v2.1/flavors, /healthcheck'
      }
    });
    const { logger, ...options } = httpServerOptionsFor(config, 'osapi_compute', quietLogger);
    assert.deepEqual(options, {
      host: '127.0.0.1',
      port: 9000,
      backlog: 64,
      maxHeaderSize: 8192,
      keepAliveTimeoutMs: 2500,
      requestTimeoutMs: 0,
      maxUrlLength: 2048,
      maxConcurrentRequests: 10,
      maxQueueWaitMs: 250,
      clientSocketTimeoutMs: 250,
      warmUpPaths: ['/v2.1/flavors', '/healthcheck']
    });
    assert.ok(logger);
    assert.equal(drainTimeoutMsOf(config), 1500);
  });

  test("uses each API's own listen address", () => {
    const config = loadConfig({
      env: {},
      overrides: {
        'DEFAULT.enabled_apis': 'osapi_compute,metadata',
        'wsgi.metadata_listen': '127.0.0.2',
        'wsgi.metadata_listen_port': '8775'
      }
    });
    const options = httpServerOptionsFor(config, 'metadata', quietLogger);
    assert.equal(options.host, '127.0.0.2');
    assert.equal(options.port, 8775);
  });

  test('rejects an API that is not enabled', () => {
    assert.throws(() => httpServerOptionsFor(loadConfig({ env: {} }), 'metadata', quietLogger), {
      name: ConfigError.name,
      code: 'WHARF_CONFIG_INVALID'
    });
  });
});
