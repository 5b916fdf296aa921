/**
 * The load scope without AsyncLocalStorage (core/import-scope.ts, `runLoadingSync`): a
 * module being imported through `importInScope` finds its scope from its own code, a
 * synchronous phase holds it for its call only, and neither outlives its work.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import { currentLoadScope, runLoadingSync, type LoadScope } from '../../core/extension-scope.js';
import { importInScope } from '../../core/import-scope.js';

const PROBE = Symbol.for('wharf.test.import-scope-probe');

/** A module that reports `currentLoadScope()` from its top level through the probe. */
function givenProbingModule(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'wharf-import-scope-'));
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, `globalThis[Symbol.for('wharf.test.import-scope-probe')]('${name}');\n`);
  return pathToFileURL(file).href;
}

describe('load scope without AsyncLocalStorage', () => {
  test('a module being imported finds its own scope, each of several imported at once', async () => {
    const seen = new Map<string, LoadScope | undefined>();
    (globalThis as Record<symbol, unknown>)[PROBE] = (name: string) =>
      seen.set(name, currentLoadScope());
    const first = givenProbingModule('first');
    const second = givenProbingModule('second');
    await Promise.all([
      importInScope(first, { extension: 'one', entryPoint: 'ns:one' }),
      importInScope(second, { extension: 'two', entryPoint: 'ns:two' })
    ]);
    assert.deepEqual(seen.get('first'), { extension: 'one', entryPoint: 'ns:one' });
    assert.deepEqual(seen.get('second'), { extension: 'two', entryPoint: 'ns:two' });
    assert.equal(currentLoadScope(), undefined, 'no scope once the imports are done');
  });

  test('code outside the imported module is not attributed to it', async () => {
    let during: LoadScope | undefined = { extension: 'unset' };
    (globalThis as Record<symbol, unknown>)[PROBE] = () => undefined;
    const pending = importInScope(givenProbingModule('quiet'), { extension: 'quiet' });
    during = currentLoadScope();
    await pending;
    assert.equal(during, undefined);
  });

  test('a synchronous phase holds its scope for the call only, innermost first', () => {
    const inner = runLoadingSync({ extension: 'outer' }, () => {
      const nested = runLoadingSync({ extension: 'inner' }, () => currentLoadScope());
      assert.deepEqual(currentLoadScope(), { extension: 'outer' });
      return nested;
    });
    assert.deepEqual(inner, { extension: 'inner' });
    assert.equal(currentLoadScope(), undefined);
    assert.throws(() =>
      runLoadingSync({ extension: 'failing' }, () => {
        throw new Error('boom');
      })
    );
    assert.equal(currentLoadScope(), undefined, 'restored after a throw');
  });
});
