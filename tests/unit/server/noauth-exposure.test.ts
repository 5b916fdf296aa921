import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadConfig } from '../../../core/server/config.js';
import { isLoopbackHost, warnIfNoauthExposed } from '../../../core/server/noauth-exposure.js';
import { flushLogs, givenCapturedLogger } from '../../helpers/capture-logger.js';

async function warningsFor(
  overrides: Record<string, string>,
  trusting: readonly string[] = ['[filter:noauth2]']
) {
  const { logger, lines } = givenCapturedLogger();
  warnIfNoauthExposed(loadConfig({ env: {}, overrides }), 'osapi_compute', trusting, logger);
  await flushLogs();
  return lines.filter((line) => line.level === 'warn');
}

describe('warnIfNoauthExposed', () => {
  test('warns, naming the risk, when noauth2 listens on every address', async () => {
    const [warning, ...more] = await warningsFor({ 'wsgi.host': '0.0.0.0' });
    assert.deepEqual(more, []);
    assert.equal(warning?.host, '0.0.0.0');
    assert.equal(warning?.authStrategy, 'noauth2');
    assert.deepEqual(warning?.filters, ['[filter:noauth2]']);
    assert.match(warning?.message ?? '', /\[filter:noauth2\].*admin/);
  });

  test('warns for a trusting filter selected by a line of another name', async () => {
    const [warning] = await warningsFor({ 'wsgi.host': '0.0.0.0', 'api.auth_strategy': 'dev' }, [
      '[filter:claimed]'
    ]);
    assert.equal(warning?.authStrategy, 'dev');
    assert.match(warning?.message ?? '', /\[filter:claimed\] \(\[api\] auth_strategy = dev\)/);
  });

  test('warns for an explicit network address of one API', async () => {
    const warnings = await warningsFor({ 'wsgi.osapi_compute_listen': '192.0.2.10' });
    assert.equal(warnings[0]?.host, '192.0.2.10');
  });

  test('says nothing on the default or a loopback address', async () => {
    assert.deepEqual(await warningsFor({}), []);
    assert.deepEqual(await warningsFor({ 'wsgi.host': '::1' }), []);
  });

  test('says nothing without a trusting filter on any address', async () => {
    assert.deepEqual(
      await warningsFor({ 'wsgi.host': '0.0.0.0', 'api.auth_strategy': 'token' }, []),
      []
    );
  });
});

describe('isLoopbackHost', () => {
  test('knows loopback addresses', () => {
    for (const host of [
      '127.0.0.1',
      '127.8.9.10',
      'localhost',
      '::1',
      '[::1]',
      '::ffff:127.0.0.1'
    ]) {
      assert.equal(isLoopbackHost(host), true, host);
    }
  });

  test('treats every other address and name as reachable', () => {
    for (const host of ['0.0.0.0', '::', '', '10.0.0.1', '128.0.0.1', 'api.example.com', '127.x']) {
      assert.equal(isLoopbackHost(host), false, host);
    }
  });
});
