/**
 * The order of a manager's imports: modules that import `wharf` by themselves (the
 * project's) are imported before a package that needs `wharf` provided registers the
 * resolve hook, after which every module resolved crosses to Node's loader thread.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { EntryPoint, EntryPointCatalog, ExtensionManager } from '../../../core/plugins/index.js';
import { sourceNeedsWharf } from '../../../core/plugins/provide-wharf.js';
import { givenCapturedLogger } from '../../helpers/capture-logger.js';

const NAMESPACE = 'wharf.test.waves';
const PLUGIN = 'export class Plugin {}\n';

/**
 * A project manifest with one module and a drop-in package (no `wharf` of its own
 * anywhere above it, so it needs `wharf` provided) with another.
 */
function givenProjectAndDropin(): { manifest: string; dropins: string } {
  const root = mkdtempSync(join(tmpdir(), 'wharf-waves-'));
  writeFileSync(join(root, 'project.mjs'), PLUGIN);
  writeFileSync(
    join(root, 'entry-points.json'),
    JSON.stringify({ [NAMESPACE]: { project: './project.mjs:Plugin' } })
  );
  const pkg = join(root, 'dropins', 'dropin-package');
  mkdirSync(pkg, { recursive: true });
  writeFileSync(join(pkg, 'dropin.mjs'), PLUGIN);
  writeFileSync(
    join(pkg, 'package.json'),
    JSON.stringify({
      name: 'dropin-package',
      wharf: { entryPoints: { [NAMESPACE]: { dropin: './dropin.mjs:Plugin' } } }
    })
  );
  return { manifest: join(root, 'entry-points.json'), dropins: join(root, 'dropins') };
}

/** Records when each entry point's `load()` starts and settles, until `restore()`. */
function givenLoadRecorder() {
  const events: string[] = [];
  const original = Object.getOwnPropertyDescriptor(EntryPoint.prototype, 'load')!;
  const load = original.value as (this: EntryPoint) => Promise<unknown>;
  EntryPoint.prototype.load = async function recorded(this: EntryPoint) {
    events.push(`start ${this.name}`);
    try {
      return await load.call(this);
    } finally {
      events.push(`end ${this.name}`);
    }
  };
  return { events, restore: () => Object.defineProperty(EntryPoint.prototype, 'load', original) };
}

test('imports the modules that need no provided wharf before those that do', async () => {
  const { manifest, dropins } = givenProjectAndDropin();
  EntryPointCatalog.clearProcessCache();
  const catalog = await EntryPointCatalog.discover({
    manifest,
    projectRoot: join(manifest, '..'),
    scanNodeModules: false,
    dropins: [dropins],
    cacheDir: null
  });
  const [project, dropin] = catalog.list(NAMESPACE);
  assert.equal(sourceNeedsWharf(project!.source), false);
  assert.equal(sourceNeedsWharf(dropin!.source), true);
  const recorder = givenLoadRecorder();
  try {
    const manager = await ExtensionManager.create(NAMESPACE, {
      catalog,
      logger: givenCapturedLogger().logger
    });
    assert.deepEqual(manager.names(), ['project', 'dropin']);
  } finally {
    recorder.restore();
  }
  assert.deepEqual(recorder.events, ['start project', 'end project', 'start dropin', 'end dropin']);
});
