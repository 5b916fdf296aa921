import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DispatchExtensionManager,
  DriverManager,
  EnabledExtensionManager,
  Extension,
  ExtensionManager,
  HookManager,
  NameDispatchExtensionManager,
  NamedExtensionManager
} from '../../../core/plugins/index.js';
import { flushLogs, givenCapturedLogger } from '../../helpers/capture-logger.js';
import { givenFixtureCatalog } from '../../helpers/plugin-fixtures.js';
import { GoodOne, GoodTwo } from '../../fixtures/plugins/good.js';

const NAMESPACE = 'wharf.test.plugins';

async function common() {
  return { catalog: await givenFixtureCatalog(), logger: givenCapturedLogger().logger };
}

describe('NamedExtensionManager', () => {
  test('filters by name before importing, so an unrequested broken module costs nothing', async () => {
    const manager = await NamedExtensionManager.create(NAMESPACE, {
      ...(await common()),
      names: ['good_two', 'good_one']
    });
    assert.deepEqual(manager.names(), ['good_one', 'good_two']);
    assert.deepEqual(manager.failures, []);
    assert.equal((globalThis as Record<string, unknown>).wharfUnimportableLoaded, undefined);
  });

  test('orders extensions by the names list with nameOrder', async () => {
    const manager = await NamedExtensionManager.create(NAMESPACE, {
      ...(await common()),
      names: ['dropped', 'good_two', 'good_one'],
      nameOrder: true
    });
    assert.deepEqual(manager.names(), ['dropped', 'good_two', 'good_one']);
  });

  test('reports names that are absent or failed to onMissingEntrypoints', async () => {
    let missing: string[] = [];
    await NamedExtensionManager.create(NAMESPACE, {
      ...(await common()),
      names: ['good_one', 'nope', 'broken'],
      invokeOnLoad: true,
      onMissingEntrypoints: (names) => (missing = names)
    });
    assert.deepEqual(missing, ['nope', 'broken']);
  });
});

describe('EnabledExtensionManager', () => {
  test('runs the check after instantiation and disables what it refuses', async () => {
    const seen: unknown[] = [];
    const manager = await EnabledExtensionManager.create(NAMESPACE, {
      ...(await common()),
      invokeOnLoad: true,
      checkFunc: (extension) => {
        seen.push(extension.obj);
        return extension.name !== 'good_two';
      }
    });
    assert.ok(seen.every((obj) => obj !== undefined));
    assert.equal(manager.has('good_two'), false);
    assert.deepEqual(
      manager.disabled.map((extension) => extension.name),
      ['good_two']
    );
    assert.equal(manager.report().find((row) => row.name === 'good_two')!.status, 'disabled');
  });

  test('records a check that throws as a failure in phase check', async () => {
    const manager = await EnabledExtensionManager.create(NAMESPACE, {
      ...(await common()),
      checkFunc: (extension) => {
        if (extension.name === 'dropped') throw new Error('bad alias');
        return true;
      }
    });
    assert.deepEqual(
      manager.failures
        .filter((failure) => failure.name === 'dropped')
        .map((failure) => [failure.phase, failure.message]),
      [['check', 'bad alias']]
    );
  });

  test('makeTestInstance applies the check', () => {
    const manager = EnabledExtensionManager.makeTestInstance(
      [new Extension('a', null, GoodOne), new Extension('b', null, GoodTwo)],
      { checkFunc: (extension) => extension.name === 'b' }
    );
    assert.deepEqual(manager.names(), ['b']);
  });
});

describe('DriverManager', () => {
  test('loads exactly one driver and exposes it', async () => {
    const manager = await DriverManager.create<GoodTwo>(NAMESPACE, {
      ...(await common()),
      name: 'good_two',
      invokeOnLoad: true
    });
    assert.ok(manager.driver instanceof GoodTwo);
    assert.equal(
      manager.call((extension) => extension.name),
      'good_two'
    );
  });

  test('raises NoMatches when the driver does not exist', async () => {
    await assert.rejects(DriverManager.create(NAMESPACE, { ...(await common()), name: 'nope' }), {
      code: 'WHARF_NO_MATCHES',
      message: /looking for "nope"/
    });
  });

  test('raises MultipleMatches when two sources declare the driver', async () => {
    await assert.rejects(DriverManager.create(NAMESPACE, { ...(await common()), name: 'shared' }), {
      code: 'WHARF_MULTIPLE_MATCHES',
      message: /project.*installed wharf-fixture-installed/
    });
  });

  test('raises load failures instead of skipping them', async () => {
    await assert.rejects(
      DriverManager.create(NAMESPACE, { ...(await common()), name: 'broken', invokeOnLoad: true }),
      {
        code: 'WHARF_EXTENSION_LOAD_FAILED',
        message: /broken on purpose/
      }
    );
  });

  test('is a named manager of its one name: imports nothing else', async () => {
    const manager = await DriverManager.create(NAMESPACE, {
      ...(await common()),
      name: 'good_one'
    });
    assert.ok(manager instanceof NamedExtensionManager);
    assert.deepEqual(
      manager.report().map((row) => row.name),
      ['good_one']
    );
  });

  test('makeTestInstance checks there is exactly one driver', () => {
    const driver = DriverManager.makeTestInstance([
      new Extension('fake', null, GoodOne, new GoodOne())
    ]);
    assert.ok(driver.driver instanceof GoodOne);
    assert.throws(() => DriverManager.makeTestInstance([]), { code: 'WHARF_NO_MATCHES' });
  });
});

describe('HookManager', () => {
  test('returns every extension of a hook name as a list', async () => {
    const manager = await HookManager.create(NAMESPACE, {
      ...(await common()),
      name: 'shared',
      invokeOnLoad: true
    });
    const hooks = manager.get('shared');
    assert.equal(hooks.length, 2);
    assert.deepEqual(manager.mapMethod('hello', 'x'), [
      'one says hello to x',
      'installed says hello to x'
    ]);
    assert.deepEqual(manager.get('other'), []);
  });

  test('is a named manager of its one name: imports nothing else, maps from ExtensionManager', async () => {
    const manager = await HookManager.create(NAMESPACE, { ...(await common()), name: 'good_one' });
    assert.ok(manager instanceof NamedExtensionManager);
    assert.ok(manager instanceof ExtensionManager);
    assert.deepEqual(manager.failures, []);
    assert.deepEqual(
      manager.report().map((row) => row.name),
      ['good_one']
    );
    assert.deepEqual(
      manager.map((extension, suffix: string) => extension.name + suffix, '?'),
      ['good_one?']
    );
  });

  test('an empty hook is not a missing name: no warning unless asked', async () => {
    const quiet = givenCapturedLogger();
    await HookManager.create(NAMESPACE, {
      ...(await common()),
      logger: quiet.logger,
      name: 'nope'
    });
    await flushLogs();
    assert.deepEqual(
      quiet.lines.filter((line) => line.level === 'warn'),
      []
    );
    const loud = givenCapturedLogger();
    await HookManager.create(NAMESPACE, {
      ...(await common()),
      logger: loud.logger,
      name: 'nope',
      warnOnMissingEntrypoint: true
    });
    await flushLogs();
    assert.match(String(loud.lines.find((line) => line.level === 'warn')?.message), /nope/);
  });
});

describe('dispatch managers', () => {
  const extensions = (): Extension<GoodOne | GoodTwo>[] => [
    new Extension('a', null, GoodOne, new GoodOne()),
    new Extension('b', null, GoodTwo, new GoodTwo()),
    new Extension('c', null, GoodOne, new GoodOne())
  ];

  test('DispatchExtensionManager calls only the extensions the filter accepts', () => {
    const manager = DispatchExtensionManager.makeTestInstance(extensions());
    const results = manager.map(
      (extension) => extension.name !== 'b',
      (extension, suffix: string) => extension.name + suffix,
      '!'
    );
    assert.deepEqual(results, ['a!', 'c!']);
    assert.deepEqual(
      manager.mapMethod((extension) => extension.name === 'b', 'hello', 'z'),
      ['two says hello to z']
    );
  });

  test('DispatchExtensionManager loads through discovery too', async () => {
    const manager = await DispatchExtensionManager.create(NAMESPACE, {
      ...(await common()),
      invokeOnLoad: true
    });
    const outcomes = await manager.mapAsync(
      (extension) => extension.name.startsWith('good'),
      (extension) => extension.name
    );
    assert.deepEqual(outcomes, [
      { name: 'good_one', ok: true, value: 'good_one' },
      { name: 'good_two', ok: true, value: 'good_two' }
    ]);
  });

  test('NameDispatchExtensionManager calls the named extensions in the order named', () => {
    const manager = NameDispatchExtensionManager.makeTestInstance(extensions());
    assert.deepEqual(
      manager.map(['c', 'zzz', 'a'], (extension) => extension.name),
      ['c', 'a']
    );
    assert.deepEqual(manager.mapMethod(['b'], 'hello', 'q'), ['two says hello to q']);
  });

  test('both are enabled managers: the check disables what it refuses', async () => {
    const refuseB = { checkFunc: (extension: Extension<unknown>) => extension.name !== 'b' };
    for (const manager of [
      DispatchExtensionManager.makeTestInstance(extensions(), refuseB),
      NameDispatchExtensionManager.makeTestInstance(extensions(), refuseB)
    ]) {
      assert.ok(manager instanceof EnabledExtensionManager);
      assert.deepEqual(manager.names(), ['a', 'c']);
    }
    const loaded = await NameDispatchExtensionManager.create(NAMESPACE, {
      ...(await common()),
      checkFunc: (extension) => extension.name !== 'good_two'
    });
    assert.equal(loaded.report().find((row) => row.name === 'good_two')!.status, 'disabled');
    assert.deepEqual(
      loaded.map(['good_two', 'good_one'], (extension) => extension.name),
      ['good_one']
    );
  });

  test('dispatch on an empty manager raises NoMatches', () => {
    assert.throws(() => NameDispatchExtensionManager.makeTestInstance([]).map(['a'], () => 1), {
      code: 'WHARF_NO_MATCHES'
    });
  });
});
