/**
 * The host provides `wharf` to drop-ins: the README's Greetings example, dropped in as a
 * package that lists `wharf` only as a peer dependency (nothing in its node_modules), loads
 * and serves its routes; a package that bundles its own copy of wharf still loads.
 */
import assert from 'node:assert/strict';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  symlinkSync,
  writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import ts from 'typescript';
import { givenTestHost, type TestHost } from '../helpers/test-host.js';

/** The checkout root (dist/tests/acceptance/ -> ../../..). */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The README's extension example: the TypeScript block that declares `Greetings`. */
function readmeExample(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)]
    .map((match) => match[1]!)
    .find((code) => code.includes('export class Greetings'));
  assert.ok(block, 'README.md has a ```ts block exporting class Greetings');
  return block;
}

/** Compiles the example as an author would (decorators on) into `dir/dist/index.js`. */
function writeGreetingsPackage(dir: string, extra: Record<string, unknown> = {}): void {
  const { outputText } = ts.transpileModule(readmeExample(), {
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      experimentalDecorators: true,
      emitDecoratorMetadata: true
    }
  });
  mkdirSync(join(dir, 'dist'), { recursive: true });
  writeFileSync(join(dir, 'dist', 'index.js'), outputText);
  const pkg = {
    name: 'greetings',
    version: '1.0.0',
    type: 'module',
    peerDependencies: { wharf: '*' },
    wharf: {
      entryPoints: { 'wharf.api.v21.extensions': { greetings: './dist/index.js:Greetings' } }
    },
    ...extra
  };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
}

/** Gives `dir` its own copy of wharf (compiled core and manifest; dependencies linked). */
function bundleOwnWharf(dir: string): void {
  const copy = join(dir, 'node_modules', 'wharf');
  mkdirSync(copy, { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(copy, 'package.json'));
  cpSync(join(ROOT, 'dist', 'core'), join(copy, 'dist', 'core'), { recursive: true });
  symlinkSync(realpathSync(join(ROOT, 'node_modules')), join(copy, 'node_modules'));
}

async function expectGreetingsServed(host: TestHost): Promise<void> {
  const shown = await host.call('GET', '/v2.1/greetings/bob');
  assert.equal(shown.status, 200, shown.text);
  assert.deepEqual(shown.body, { greeting: { id: 'bob', text: 'HELLO BOB' } });
  const waved = await host.call('POST', '/v2.1/greetings/bob/action', { body: { wave: null } });
  assert.equal(waved.status, 202, waved.text);
}

describe('the README example as a drop-in with wharf only as a peer dependency', () => {
  let host: TestHost;
  before(async () => {
    const dropins = mkdtempSync(join(tmpdir(), 'wharf-greetings-'));
    writeGreetingsPackage(join(dropins, 'greetings'));
    host = await givenTestHost({ 'extensions.dropin_dirs': dropins });
  });
  after(() => host.close());

  test('loads with the host’s wharf and serves its resource, action and post-processor', () =>
    expectGreetingsServed(host));
});

describe('a drop-in that bundles its own copy of wharf', () => {
  let host: TestHost;
  before(async () => {
    const dropins = mkdtempSync(join(tmpdir(), 'wharf-own-copy-'));
    const dir = join(dropins, 'greetings');
    writeGreetingsPackage(dir, { dependencies: { wharf: '*' } });
    bundleOwnWharf(dir);
    host = await givenTestHost({ 'extensions.dropin_dirs': dropins });
  });
  after(() => host.close());

  test('still loads and serves with its own copy', () => expectGreetingsServed(host));
});
