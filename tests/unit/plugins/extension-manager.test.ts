import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { container } from '../../../core/index.js';
import {
  Extension,
  ExtensionManager,
  errorOnConflict,
  type ManagerOptions
} from '../../../core/plugins/index.js';
import { brandSymbol, hasBrand } from '../../../core/brand.js';
import { flushLogs, givenCapturedLogger } from '../../helpers/capture-logger.js';
import { givenFixtureCatalog } from '../../helpers/plugin-fixtures.js';
import { GREETING, GoodOne, type Injected, type Positional } from '../../fixtures/plugins/good.js';

async function givenManager(options: ManagerOptions = {}, namespace = 'wharf.test.plugins') {
  const captured = givenCapturedLogger();
  const manager = await ExtensionManager.create(namespace, {
    catalog: await givenFixtureCatalog(),
    logger: captured.logger,
    ...options
  });
  await flushLogs();
  return { manager, ...captured };
}

describe('ExtensionManager loading', () => {
  test('loads the good extensions in source order and skips the failures', async () => {
    const { manager } = await givenManager({ invokeOnLoad: true });
    assert.deepEqual(manager.names(), ['good_one', 'good_two', 'shared', 'installed', 'dropped']);
    assert.ok(manager.get('good_one').obj instanceof GoodOne);
    assert.equal(manager.has('broken'), false);
    assert.equal(manager.size, 5);
    assert.deepEqual(
      [...manager].map((extension) => extension.name),
      manager.items().map(([name]) => name)
    );
  });

  test('records each failure with its phase and logs it once at error level', async () => {
    const { manager, lines } = await givenManager({ invokeOnLoad: true });
    const phases = Object.fromEntries(
      manager.failures.map((failure) => [failure.name, failure.phase])
    );
    assert.deepEqual(phases, {
      broken: 'instantiate',
      unimportable: 'import',
      missing_export: 'export',
      wrong_type: 'check'
    });
    const failure = manager.failures.find((candidate) => candidate.name === 'broken')!;
    assert.equal(failure.namespace, 'wharf.test.plugins');
    assert.equal(failure.target, './broken.js:Broken');
    assert.match(failure.source, /^project \(.*entry-points\.json\)$/);
    assert.equal(failure.message, 'broken on purpose');
    const errors = lines.filter((line) => line.level === 'error');
    assert.equal(errors.length, 4);
    assert.ok(
      errors.some((line) => line.message.includes('wharf.test.plugins:broken (./broken.js:Broken'))
    );
  });

  test('reports every attempted entry point with its status', async () => {
    const { manager } = await givenManager({ invokeOnLoad: true });
    const report = manager.report();
    assert.deepEqual(Object.keys(report[0]!).sort(), [
      'error',
      'name',
      'namespace',
      'source',
      'status',
      'target'
    ]);
    const status = Object.fromEntries(report.map((row) => [row.name, row.status]));
    assert.equal(status.good_one, 'loaded');
    assert.equal(status.broken, 'failed');
    assert.match(
      report.find((row) => row.name === 'unimportable')!.error!,
      /^import: cannot import .*unimportable\.js: unimportable on purpose \(at \/.*\/tests\/fixtures\/plugins\/unimportable\.ts:3:7\)$/
    );
    assert.equal(report.find((row) => row.name === 'good_one')!.error, null);
  });

  test('does not instantiate without invokeOnLoad, so constructors that throw do not fail', async () => {
    const { manager } = await givenManager();
    assert.ok(manager.has('broken'));
    assert.equal(manager.get('broken').obj, undefined);
    assert.equal(manager.get('broken').plugin instanceof Function, true);
  });

  test('calls onLoadFailure with the manager, entry point and error', async () => {
    const seen: string[] = [];
    await givenManager({
      invokeOnLoad: true,
      onLoadFailure: (_manager, entryPoint, error) =>
        seen.push(`${entryPoint.name}:${error.message.slice(0, 10)}`)
    });
    assert.equal(seen.length, 4);
    assert.ok(seen.includes('broken:broken on '));
  });

  test('makes any failure fatal in strict mode', async () => {
    await assert.rejects(givenManager({ invokeOnLoad: true, strict: true }), {
      code: 'WHARF_EXTENSION_LOAD_FAILED'
    });
  });

  test('keeps the first of two declarations of one name and warns naming both', async () => {
    const { manager, lines } = await givenManager();
    assert.equal(manager.get('shared').entryPoint!.source.kind, 'project');
    const warning = lines.find(
      (line) => line.level === 'warn' && line.message.includes('wharf.test.plugins:shared')
    );
    assert.ok(warning, 'expected a conflict warning');
    assert.match(
      warning.message,
      /project .* and "\.\/index\.js:Installed" from installed wharf-fixture-installed/
    );
  });

  test('refuses a conflict with the errorOnConflict resolver', async () => {
    await assert.rejects(givenManager({ conflictResolver: errorOnConflict }), {
      code: 'WHARF_ENTRY_POINT_CONFLICT',
      message: /shared/
    });
  });

  test('rejects plugins of the wrong type through verify, recognising brands from other copies', async () => {
    const brand = brandSymbol('fixture-plugin');
    const { manager } = await givenManager({
      verify: (plugin) => {
        if (!hasBrand(plugin, brand)) throw new TypeError('not a fixture plugin');
      }
    });
    assert.deepEqual(manager.names(), ['installed']);
    assert.ok(
      manager.failures.some((failure) => failure.name === 'good_one' && failure.phase === 'check')
    );
  });
});

describe('ExtensionManager dependency injection', () => {
  test('builds classes through a child of the host container with the extension logger', async () => {
    const host = container.createChildContainer();
    host.register(GREETING, { useValue: 'hello from the host' });
    const { manager, lines } = await givenManager(
      { invokeOnLoad: true, container: host, invokeKwds: { mode: 'test' } },
      'wharf.test.di'
    );
    const injected = manager.get('injected').obj as Injected;
    assert.equal(injected.greeting, 'hello from the host');
    assert.deepEqual(injected.kwds, { mode: 'test' });
    injected.logger.info('built');
    await flushLogs();
    assert.equal(lines.find((line) => line.message === 'built')?.label, 'wharf.test.di:injected');
  });

  test('passes invokeArgs and invokeKwds positionally to plain classes and functions', async () => {
    const host = container.createChildContainer();
    host.register(GREETING, { useValue: 'x' });
    const { manager } = await givenManager(
      { invokeOnLoad: true, container: host, invokeArgs: ['first'], invokeKwds: { k: 1 } },
      'wharf.test.di'
    );
    const positional = manager.get('positional').obj as Positional;
    assert.equal(positional.first, 'first');
    assert.deepEqual(positional.options, { k: 1 });
    assert.deepEqual((manager.get('factory').obj as { args: unknown[] }).args, ['first', { k: 1 }]);
  });
});

describe('ExtensionManager map', () => {
  function givenTestManager(options: ManagerOptions = {}) {
    const captured = givenCapturedLogger();
    const extensions = [
      new Extension('a', null, GoodOne, new GoodOne()),
      new Extension('b', null, GoodOne, {
        hello: () => {
          throw new Error('b fails');
        }
      }),
      new Extension('c', null, GoodOne, new GoodOne())
    ];
    return {
      manager: ExtensionManager.makeTestInstance(extensions, {
        logger: captured.logger,
        ...options
      }),
      ...captured
    };
  }

  test('calls every extension and skips, logging, the ones that throw', async () => {
    const { manager, lines } = givenTestManager();
    const results = manager.map(
      (extension, who: string) => `${extension.name}:${(extension.obj as GoodOne).hello(who)}`,
      'you'
    );
    assert.deepEqual(results, ['a:one says hello to you', 'c:one says hello to you']);
    await flushLogs();
    assert.ok(
      lines.some((line) => line.level === 'error' && line.message.includes('TESTING:b: b fails'))
    );
  });

  test('propagates map errors when asked', () => {
    const { manager } = givenTestManager({ propagateMapExceptions: true });
    assert.throws(() => manager.mapMethod('hello', 'you'), /b fails/);
  });

  test('calls a method of every object with mapMethod', () => {
    const { manager } = givenTestManager();
    assert.deepEqual(manager.mapMethod('hello', 'me'), [
      'one says hello to me',
      'one says hello to me'
    ]);
  });

  test('raises NoMatches on an empty manager', () => {
    const manager = ExtensionManager.makeTestInstance([]);
    assert.throws(() => manager.map(() => 1), { code: 'WHARF_NO_MATCHES' });
  });

  test('runs mapAsync concurrently and keeps each extension error apart', async () => {
    const { manager } = givenTestManager();
    const outcomes = await manager.mapAsync(async (extension) =>
      (extension.obj as GoodOne).hello(extension.name)
    );
    assert.deepEqual(
      outcomes.map((outcome) => outcome.ok),
      [true, false, true]
    );
    const failed = outcomes[1]!;
    assert.equal(failed.ok ? null : (failed.error as Error).message, 'b fails');
  });

  test('rejects mapAsync with every error when propagating', async () => {
    const { manager } = givenTestManager({ propagateMapExceptions: true });
    await assert.rejects(
      manager.mapAsync(async (extension) => (extension.obj as GoodOne).hello(extension.name)),
      (error: AggregateError) =>
        error instanceof AggregateError &&
        error.errors.length === 1 &&
        /TESTING extension\(s\) failed: b/.test(error.message)
    );
  });

  test('get raises NoMatches for an unknown name', () => {
    const { manager } = givenTestManager();
    assert.throws(() => manager.get('zzz'), { code: 'WHARF_NO_MATCHES' });
  });
});
