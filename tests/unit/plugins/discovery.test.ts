import assert from 'node:assert/strict';
import { mkdtemp, writeFile, mkdir, cp, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { EntryPointCatalog } from '../../../core/plugins/index.js';
import { FIXTURES, givenFixtureCatalog } from '../../helpers/plugin-fixtures.js';

describe('entry point discovery', () => {
  test('lists a namespace without importing anything', async () => {
    const catalog = await givenFixtureCatalog();
    const names = catalog.list('wharf.test.plugins').map((entryPoint) => entryPoint.name);
    assert.ok(names.includes('unimportable'));
    assert.equal((globalThis as Record<string, unknown>).wharfUnimportableLoaded, undefined);
  });

  test('reads the project manifest, installed packages (scoped too) and drop-ins, in that order', async () => {
    const catalog = await givenFixtureCatalog();
    const sources = catalog
      .list('wharf.test.plugins')
      .map((entryPoint) => `${entryPoint.source.kind}:${entryPoint.name}`);
    assert.deepEqual(sources, [
      'project:good_one',
      'project:good_two',
      'project:broken',
      'project:unimportable',
      'project:missing_export',
      'project:wrong_type',
      'project:shared',
      'installed:installed',
      'installed:shared',
      'dropin:dropped'
    ]);
    assert.deepEqual(
      catalog.list('wharf.test.scoped').map((entryPoint) => entryPoint.source.packageName),
      ['@fixture/scoped']
    );
    assert.ok(catalog.namespaces().includes('wharf.test.di'));
  });

  test('resolves module paths against the folder of the manifest that names them', async () => {
    const catalog = await givenFixtureCatalog();
    const [installed] = catalog
      .list('wharf.test.plugins')
      .filter((entryPoint) => entryPoint.name === 'installed');
    assert.equal(
      installed!.modulePath,
      join(FIXTURES, 'node_modules/wharf-fixture-installed/index.js')
    );
  });

  test('records a bad drop-in package without hiding the others', async () => {
    const catalog = await givenFixtureCatalog();
    assert.equal(catalog.problems.length, 1);
    assert.equal(catalog.problems[0]!.code, 'WHARF_ENTRY_POINT_OUTSIDE_PACKAGE');
    assert.match(catalog.problems[0]!.message, /dropin-bad\/package\.json/);
    assert.match(catalog.problems[0]!.message, /wharf\.test\.plugins\.escapes/);
    assert.ok(
      catalog.list('wharf.test.plugins').some((entryPoint) => entryPoint.name === 'dropped')
    );
  });

  test('caches catalogs per process', async () => {
    const first = await givenFixtureCatalog();
    const again = await EntryPointCatalog.discover({
      manifest: `${FIXTURES}entry-points.json`,
      projectRoot: FIXTURES,
      dropins: [`${FIXTURES}dropins`],
      cacheDir: null
    });
    assert.equal(again, first);
  });
});

describe('bad project manifests', () => {
  async function givenManifest(text: string): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'wharf-manifest-'));
    const file = join(dir, 'entry-points.json');
    await writeFile(file, text);
    return file;
  }

  async function rejection(text: string): Promise<{ code: string; message: string }> {
    const manifest = await givenManifest(text);
    EntryPointCatalog.clearProcessCache();
    try {
      await EntryPointCatalog.discover({ manifest, scanNodeModules: false, cacheDir: null });
    } catch (error) {
      return error as { code: string; message: string };
    }
    return assert.fail('discovery should have failed');
  }

  test('names the file on invalid JSON', async () => {
    const error = await rejection('{ not json');
    assert.equal(error.code, 'WHARF_MANIFEST_INVALID');
    assert.match(error.message, /entry-points\.json: invalid JSON/);
  });

  test('names the namespace when it is not an object', async () => {
    const error = await rejection('{"wharf.x": ["a"]}');
    assert.equal(error.code, 'WHARF_MANIFEST_INVALID');
    assert.match(error.message, /namespace "wharf\.x"/);
  });

  test('names the key whose value is not module:export', async () => {
    const error = await rejection('{"wharf.x": {"thing": "./a.js"}}');
    assert.equal(error.code, 'WHARF_MANIFEST_INVALID');
    assert.match(error.message, /wharf\.x\.thing = "\.\/a\.js" is not of the form "module:export"/);
  });

  test('refuses a module path that escapes the package folder', async () => {
    const error = await rejection('{"wharf.x": {"thing": "../../etc/passwd.js:X"}}');
    assert.equal(error.code, 'WHARF_ENTRY_POINT_OUTSIDE_PACKAGE');
  });

  test('says when the manifest cannot be read', async () => {
    EntryPointCatalog.clearProcessCache();
    await assert.rejects(
      EntryPointCatalog.discover({
        manifest: '/nonexistent/entry-points.json',
        scanNodeModules: false,
        cacheDir: null
      }),
      {
        code: 'WHARF_MANIFEST_INVALID',
        message: /\/nonexistent\/entry-points\.json: cannot read the manifest: ENOENT/
      }
    );
  });
});

describe('the on-disk cache', () => {
  async function givenCopyOfFixtures(): Promise<{ root: string; cacheDir: string }> {
    const work = await mkdtemp(join(tmpdir(), 'wharf-cache-'));
    const root = join(work, 'project');
    await cp(FIXTURES, root, { recursive: true });
    return { root, cacheDir: join(work, 'cache') };
  }

  function discoverIn(root: string, cacheDir: string): Promise<EntryPointCatalog> {
    EntryPointCatalog.clearProcessCache();
    return EntryPointCatalog.discover({
      manifest: join(root, 'entry-points.json'),
      projectRoot: root,
      dropins: [join(root, 'dropins')],
      cacheDir
    });
  }

  test('is written on the first discovery and used by the next process', async () => {
    const { root, cacheDir } = await givenCopyOfFixtures();
    const first = await discoverIn(root, cacheDir);
    const second = await discoverIn(root, cacheDir);
    assert.equal(first.fromDiskCache, false);
    assert.equal(second.fromDiskCache, true);
    assert.deepEqual(
      second.list('wharf.test.plugins').map((entryPoint) => entryPoint.target),
      first.list('wharf.test.plugins').map((entryPoint) => entryPoint.target)
    );
    assert.equal(second.problems[0]!.code, 'WHARF_ENTRY_POINT_OUTSIDE_PACKAGE');
  });

  test('is rebuilt when a manifest changes', async () => {
    const { root, cacheDir } = await givenCopyOfFixtures();
    await discoverIn(root, cacheDir);
    const pkg = join(root, 'node_modules/wharf-fixture-installed/package.json');
    await writeFile(
      pkg,
      JSON.stringify({
        name: 'wharf-fixture-installed',
        wharf: { entryPoints: { 'wharf.test.plugins': { renamed: './index.js:Installed' } } }
      })
    );
    await utimes(pkg, new Date(), new Date(Date.now() + 5000));
    const rebuilt = await discoverIn(root, cacheDir);
    assert.equal(rebuilt.fromDiskCache, false);
    assert.ok(
      rebuilt.list('wharf.test.plugins').some((entryPoint) => entryPoint.name === 'renamed')
    );
  });

  test('is rebuilt when a package is installed', async () => {
    const { root, cacheDir } = await givenCopyOfFixtures();
    await discoverIn(root, cacheDir);
    const added = join(root, 'node_modules/wharf-added');
    await mkdir(added);
    await writeFile(
      join(added, 'package.json'),
      JSON.stringify({
        name: 'wharf-added',
        wharf: { entryPoints: { 'wharf.test.added': { added: './index.js:x' } } }
      })
    );
    const rebuilt = await discoverIn(root, cacheDir);
    assert.equal(rebuilt.fromDiskCache, false);
    assert.equal(rebuilt.list('wharf.test.added').length, 1);
  });

  test('is silently skipped when its folder cannot be written', async () => {
    const { root, cacheDir } = await givenCopyOfFixtures();
    await writeFile(cacheDir, 'a file where the cache folder should be');
    const first = await discoverIn(root, join(cacheDir, 'sub'));
    const second = await discoverIn(root, join(cacheDir, 'sub'));
    assert.equal(first.fromDiskCache, false);
    assert.equal(second.fromDiskCache, false);
    assert.ok(second.list('wharf.test.plugins').length > 0);
  });
});
