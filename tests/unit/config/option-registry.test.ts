import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { ConfigError } from '../../../core/errors.js';
import { EntryPointCatalog } from '../../../core/plugins/catalog.js';
import { configSettings, loadConfig } from '../../../core/server/config.js';
import { loadHostConfig } from '../../../core/server/host-config.js';
import { OptionRegistry } from '../../../core/server/option-registry.js';
import { COMPUTE_OPTIONS } from '../../../extensions/compute/options.js';
import { CLASHING_OPTIONS, WIDGET_OPTIONS } from '../../fixtures/options/groups.js';
import { assertConfigError, givenConfigFile } from './given.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/options/', import.meta.url));

/** wharf's options plus `groups`. */
function givenRegistry(...groups: OptionRegistry['groups']): OptionRegistry {
  return new OptionRegistry([...OptionRegistry.core().groups, ...groups]);
}

describe('option groups', () => {
  test('type, bound and override a plugin option like one of wharf', () => {
    const registry = givenRegistry(WIDGET_OPTIONS);
    const file = givenConfigFile('[widgets]', 'pool_size = 8');
    const config = loadConfig({
      file,
      env: { WHARF_WIDGETS__COLOUR: 'blue' },
      overrides: { 'widgets.pool_size': '16' },
      registry
    });
    const widgets = WIDGET_OPTIONS.of(config).widgets;
    assert.equal(widgets.pool_size, 16);
    assert.equal(widgets.colour, 'blue');
    assertConfigError(
      () => loadConfig({ env: {}, overrides: { 'widgets.pool_size': '65' }, registry }),
      /^flag widgets\.pool_size: \[widgets\] pool_size = "65": must be at most 64$/
    );
    assertConfigError(
      () => loadConfig({ env: { WHARF_WIDGETS__COLOR: 'red' }, registry }),
      /unknown option \[widgets\] color; did you mean WHARF_WIDGETS__COLOUR\?$/
    );
  });

  test("rejects a plugin's section when its group is not registered", () => {
    assertConfigError(
      () => loadConfig({ env: { WHARF_WIDGETS__POOL_SIZE: '2' } }),
      /^environment variable WHARF_WIDGETS__POOL_SIZE: unknown section \[widgets\]/
    );
  });

  test('gives the defaults of a group the configuration was loaded without', () => {
    assert.equal(WIDGET_OPTIONS.of(loadConfig({ env: {} })).widgets.pool_size, 4);
  });

  test('refuses an option declared by two groups, naming both', () => {
    assert.throws(
      () => givenRegistry(CLASHING_OPTIONS),
      (error: unknown) =>
        error instanceof ConfigError &&
        /\[wsgi\] port is declared by both "wharf" and "clashing"/.test(error.message)
    );
  });

  test("checks the compute extensions' database connection form", () => {
    const registry = givenRegistry(COMPUTE_OPTIONS);
    assertConfigError(
      () => loadConfig({ env: { WHARF_DATABASE__CONNECTION: 'mysql://x' }, registry }),
      /\[database\] connection = "mysql:\/\/x": expected `sqlite:PATH`/
    );
    const config = loadConfig({
      env: { WHARF_DATABASE__CONNECTION: 'postgresql://u:p@db:5432/wharf' },
      registry
    });
    assert.equal(COMPUTE_OPTIONS.of(config).database.connection, 'postgresql://u:p@db:5432/wharf');
  });
});

describe('OptionRegistry.discover', () => {
  test('registers the groups of wharf.config.options entry points', async () => {
    const config = await loadHostConfig({
      env: { WHARF_WIDGETS__POOL_SIZE: '2' },
      manifest: `${FIXTURES}entry-points.json`
    });
    assert.equal(WIDGET_OPTIONS.of(config).widgets.pool_size, 2);
  });

  test('fails on an entry point that is not an option group, naming it', async () => {
    const catalog = await EntryPointCatalog.discover({
      manifest: `${FIXTURES}not-a-group.json`,
      scanNodeModules: false,
      cacheDir: null
    });
    await assert.rejects(
      OptionRegistry.discover(catalog),
      (error: unknown) =>
        error instanceof ConfigError &&
        /option group "plain_array" .*NOT_A_GROUP is not made by defineOptions\(\)/.test(
          error.message
        )
    );
  });
});

describe('configSettings', () => {
  test('names the source of every value and hides nothing but marks secrets', () => {
    const registry = givenRegistry(WIDGET_OPTIONS);
    const file = givenConfigFile('[wsgi]', 'backlog = 7');
    const config = loadConfig({
      file,
      env: { WHARF_WIDGETS__API_KEY: 's3cret' },
      overrides: { 'wsgi.port': '9' },
      registry
    });
    const byName = new Map(configSettings(config).map((s) => [`${s.section}.${s.name}`, s]));
    assert.equal(byName.get('wsgi.backlog')?.source, `${file}:2`);
    assert.equal(byName.get('wsgi.port')?.source, 'flag wsgi.port');
    assert.equal(byName.get('wsgi.host')?.source, 'default');
    assert.deepEqual(
      { ...byName.get('widgets.api_key') },
      {
        section: 'widgets',
        name: 'api_key',
        group: 'widgets',
        value: 's3cret',
        source: 'environment variable WHARF_WIDGETS__API_KEY',
        secret: true
      }
    );
  });
});
