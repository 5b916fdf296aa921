import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { test } from 'node:test';

const run = promisify(execFile);
const DIST = new URL('../../../', import.meta.url);
const RECORDER = fileURLToPath(new URL('tests/fixtures/modules/record-imports.js', DIST));

/** Every module the manifest's API extensions and server-create hooks live in. */
async function bundledExtensionModules(): Promise<string[]> {
  const manifest = JSON.parse(await readFile(new URL('entry-points.json', DIST), 'utf8')) as Record<
    string,
    Record<string, string>
  >;
  const namespaces = ['wharf.api.v21.extensions', 'wharf.api.v21.extensions.server.create'];
  const targets = namespaces.flatMap((namespace) => Object.values(manifest[namespace] ?? {}));
  return [...new Set(targets.map((target) => new URL(target.split(':')[0]!, DIST).href))];
}

/** The URLs a fresh process resolves while importing `targets`. */
async function resolvedWhileImporting(targets: string[]): Promise<string[]> {
  const { stdout } = await run(process.execPath, [RECORDER, ...targets]);
  return JSON.parse(stdout) as string[];
}

const isStorage = (url: string): boolean =>
  /\/node_modules\/(kysely|better-sqlite3|pg)\//.test(url) || url.endsWith('/compute/storage.js');

test('importing the bundled extensions loads no storage module', async () => {
  const modules = await bundledExtensionModules();
  assert.ok(modules.length > 10, `found ${modules.length} extension modules`);
  const resolved = await resolvedWhileImporting(modules);
  assert.ok(resolved.some((url) => url.endsWith('/extensions/servers/servers-extension.js')));
  assert.deepEqual(resolved.filter(isStorage), []);
});

test('the storage module does load Kysely, so the check above can see it', async () => {
  const resolved = await resolvedWhileImporting([
    new URL('extensions/compute/storage.js', DIST).href
  ]);
  assert.ok(
    resolved.some((url) => url.includes('/node_modules/kysely/')),
    resolved.join('\n')
  );
});
