import assert from 'node:assert/strict';
import { dirname, join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { CORS_OPTIONS } from '../../../core/middleware/cors-options.js';
import { AUTH_OPTIONS } from '../../../core/middleware/token-auth-options.js';
import { RATELIMIT_OPTIONS } from '../../../core/middleware/ratelimit-options.js';
import { loadConfig } from '../../../core/server/config.js';
import { CORE_OPTIONS } from '../../../core/server/core-options.js';
import { OptionRegistry } from '../../../core/server/option-registry.js';

/** The host's options plus three filters' groups, registered as their entry points are. */
const registry = new OptionRegistry([CORE_OPTIONS, AUTH_OPTIONS, RATELIMIT_OPTIONS, CORS_OPTIONS]);
import { assertConfigError, givenConfigFile } from './given.js';

describe('loadConfig', () => {
  test('works with no file at all, from the defaults', () => {
    const config = loadConfig({ env: {} });
    assert.equal(config.DEFAULT.log_level, 'info');
    assert.deepEqual(config.DEFAULT.enabled_apis, ['osapi_compute']);
    assert.equal(config.api.auth_strategy, 'noauth2');
    assert.equal(config.wsgi.port, 8774);
    assert.equal(config.wsgi.workers, 1);
  });

  test("knows a filter's section only when the filter's option group is registered", () => {
    assertConfigError(
      () => loadConfig({ env: { WHARF_CORS__MAX_AGE: '5' } }),
      /^environment variable WHARF_CORS__MAX_AGE: unknown section \[cors\]/
    );
    const config = loadConfig({ env: { WHARF_CORS__MAX_AGE: '5' }, registry });
    assert.equal(CORS_OPTIONS.of(config).cors.max_age, 5);
  });

  test('reads typed values from wharf.conf', () => {
    const file = givenConfigFile(
      '[DEFAULT]',
      'log_format = json',
      '[wsgi]',
      'workers = auto',
      'keep_alive_timeout = 2.5',
      '[ratelimit]',
      'enabled = yes',
      '[cors]',
      'allowed_origin = https://a.example,',
      '    https://b.example'
    );
    const config = loadConfig({ file, env: {}, registry });
    assert.equal(config.DEFAULT.log_format, 'json');
    assert.equal(config.wsgi.workers, 'auto');
    assert.equal(config.wsgi.keep_alive_timeout, 2.5);
    assert.equal(RATELIMIT_OPTIONS.of(config).ratelimit.enabled, true);
    assert.deepEqual(CORS_OPTIONS.of(config).cors.allowed_origin, [
      'https://a.example',
      'https://b.example'
    ]);
  });

  test('applies defaults < file < environment < flags', () => {
    const file = givenConfigFile('[wsgi]', 'port = 9001', 'backlog = 100', 'max_url_length = 100');
    const config = loadConfig({
      file,
      env: {
        WHARF_WSGI__BACKLOG: '200',
        WHARF_WSGI__MAX_URL_LENGTH: '200',
        WHARF_DEFAULT__LOG_LEVEL: 'debug'
      },
      overrides: { 'wsgi.max_url_length': '300' }
    });
    assert.deepEqual(
      [config.wsgi.port, config.wsgi.backlog, config.wsgi.max_url_length, config.DEFAULT.log_level],
      [9001, 200, 300, 'debug']
    );
  });

  test('ignores WHARF_ variables that are not WHARF_<SECTION>__<OPTION>', () => {
    assert.equal(
      loadConfig({ env: { WHARF_LOG_LEVEL: 'debug', HOME: '/' } }).DEFAULT.log_level,
      'info'
    );
  });

  test('returns a frozen configuration', () => {
    const config = loadConfig({ env: {} });
    assert.ok(
      Object.isFrozen(config) &&
        Object.isFrozen(config.wsgi) &&
        Object.isFrozen(config.DEFAULT.enabled_apis)
    );
    assert.throws(() => {
      (config.wsgi as { port: number }).port = 1;
    }, TypeError);
  });

  test('resolves file paths against the file, other paths against the working directory', () => {
    const file = givenConfigFile(
      '[wsgi]',
      'api_paste_config = paste.ini',
      '[extensions]',
      'dropin_dirs = plugins, /opt/x'
    );
    const fromFile = loadConfig({ file, env: {} });
    assert.equal(fromFile.wsgi.api_paste_config, join(dirname(file), 'paste.ini'));
    assert.deepEqual(fromFile.extensions.dropin_dirs, [join(dirname(file), 'plugins'), '/opt/x']);
    const fromEnv = loadConfig({ env: { WHARF_WSGI__API_PASTE_CONFIG: 'p.ini' } });
    assert.equal(fromEnv.wsgi.api_paste_config, resolve('p.ini'));
  });

  test('rejects an unknown section at its header line', () => {
    const file = givenConfigFile('[wsgi]', 'port = 1', '[glance]', 'x = 1');
    assertConfigError(
      () => loadConfig({ file, env: {} }),
      new RegExp(`^${escape(file)}:3: unknown section \\[glance\\]`)
    );
  });

  test('rejects an unknown option in the file, naming file and line', () => {
    const file = givenConfigFile('[wsgi]', '', 'bogus = 1');
    assertConfigError(
      () => loadConfig({ file, env: {} }),
      new RegExp(`^${escape(file)}:3: unknown option \\[wsgi\\] bogus$`)
    );
  });

  test('rejects a bad value in the file, naming file, line and option', () => {
    const file = givenConfigFile('[wsgi]', 'port = eighty');
    assertConfigError(
      () => loadConfig({ file, env: {} }),
      new RegExp(`^${escape(file)}:2: \\[wsgi\\] port = "eighty": expected an integer$`)
    );
  });

  test('rejects an unknown option from the environment, naming the variable', () => {
    assertConfigError(
      () => loadConfig({ env: { WHARF_WSGI__BOGUS: '1' } }),
      /^environment variable WHARF_WSGI__BOGUS: unknown option \[wsgi\] bogus$/
    );
    assertConfigError(
      () => loadConfig({ env: { WHARF_NOVA__X: '1' } }),
      /^environment variable WHARF_NOVA__X: unknown section \[nova\]/
    );
  });

  test('rejects a bad value from the environment, naming the variable', () => {
    assertConfigError(
      () => loadConfig({ env: { WHARF_DEFAULT__LOG_FORMAT: 'xml' } }),
      /^environment variable WHARF_DEFAULT__LOG_FORMAT: \[DEFAULT\] log_format = "xml": expected one of text, json$/
    );
  });

  test('rejects a bad or unknown flag, naming the flag', () => {
    assertConfigError(
      () => loadConfig({ env: {}, overrides: { 'wsgi.port': '70000' } }),
      /^flag wsgi\.port: \[wsgi\] port = "70000": must be at most 65535$/
    );
    assertConfigError(
      () => loadConfig({ env: {}, overrides: { 'wsgi.nope': '1' } }),
      /^flag wsgi\.nope: unknown option \[wsgi\] nope$/
    );
    assertConfigError(
      () => loadConfig({ env: {}, overrides: { port: '1' } }),
      /^flag port: expected SECTION\.OPTION/
    );
  });

  test('rejects an unreadable file', () => {
    assertConfigError(
      () => loadConfig({ file: '/nonexistent/wharf.conf', env: {} }),
      /^\/nonexistent\/wharf\.conf: cannot read/
    );
  });

  test('never shows a secret value in an error', () => {
    const file = givenConfigFile('[auth]', 'token_secret = s3cret', 'token_ttl = soon');
    assertConfigError(() => loadConfig({ file, env: {}, registry }), /token_ttl = "soon"/);
    assert.doesNotThrow(() =>
      loadConfig({ file: givenConfigFile('[auth]', 'token_secret = s3cret'), env: {}, registry })
    );
  });

  test('rejects a max_version below min_version', () => {
    assertConfigError(
      () => loadConfig({ env: { WHARF_API__MAX_VERSION: '2.0' } }),
      /^environment variable WHARF_API__MAX_VERSION: \[api\] max_version 2\.0 is below min_version 2\.1 \(default\)$/
    );
    assertConfigError(
      () => loadConfig({ env: { WHARF_API__MAX_VERSION: '2.01' } }),
      /expected a microversion/
    );
  });

  test('rejects an empty or repeated enabled_apis', () => {
    assertConfigError(
      () => loadConfig({ env: { WHARF_DEFAULT__ENABLED_APIS: '' } }),
      /enabled_apis is empty/
    );
    assertConfigError(
      () => loadConfig({ env: { WHARF_DEFAULT__ENABLED_APIS: 'a, a' } }),
      /enabled_apis lists "a" twice/
    );
  });

  test('suggests the closest option or section of a typo', () => {
    const file = givenConfigFile('[wsgi]', 'prot = 80');
    assertConfigError(
      () => loadConfig({ file, env: {} }),
      new RegExp(`^${escape(file)}:2: unknown option \\[wsgi\\] prot; did you mean port\\?$`)
    );
    assertConfigError(
      () => loadConfig({ env: { WHARF_WSGI__BAKLOG: '5' } }),
      /^environment variable WHARF_WSGI__BAKLOG: unknown option \[wsgi\] baklog; did you mean WHARF_WSGI__BACKLOG\?$/
    );
    assertConfigError(
      () => loadConfig({ env: { WHARF_RATELIMT__ENABLED: 'true' }, registry }),
      /^environment variable WHARF_RATELIMT__ENABLED: unknown section \[ratelimt\]; did you mean \[ratelimit\]\?/
    );
    assertConfigError(
      () => loadConfig({ env: {}, overrides: { 'wsgi.zzzzzz': '1' } }),
      /^flag wsgi\.zzzzzz: unknown option \[wsgi\] zzzzzz$/
    );
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
