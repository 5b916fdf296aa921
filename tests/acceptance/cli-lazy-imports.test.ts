/**
 * The command line imports only what the command it runs needs (docs/performance.md, "The
 * command line"): a module-resolution hook in the child records every package it imports,
 * and the process lists every CommonJS module it required (`require.cache`) when it exits,
 * since commander, tsyringe, reflect-metadata and winston are loaded with `require`. The
 * packages of `--help` and of listing plain plugins are pinned exactly. No timing is
 * asserted here; `npm run bench -- --only cli` measures the whole processes.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { CLI } from '../helpers/run-cli.js';

const RECORD_MODULES = `
import { createRequire, register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(\`
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  process.stderr.write('module: ' + resolved.url + '\\\\n');
  return resolved;
}\`));
const required = createRequire(process.cwd() + '/').cache;
process.on('exit', () => {
  for (const file of Object.keys(required)) process.stderr.write('module: ' + file + '\\n');
});
`;

/** What a `wharf ...args` process loaded: packages, and wharf's own modules (under dist/). */
interface Loaded {
  packages: Set<string>;
  /** Paths relative to the compiled output, e.g. `core/server/host.js`. */
  own: Set<string>;
}

const NODE_HAS_COMPILE_CACHE = 'enableCompileCache' in nodeModule;

const DIST = fileURLToPath(new URL('../../', import.meta.url));

/** What a `wharf ...args` process loads. */
function loadedBy(args: string[]): Promise<Loaded> {
  const hook = `data:text/javascript,${encodeURIComponent(RECORD_MODULES)}`;
  const env = { ...process.env, XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'wharf-lazy-')) };
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', hook, CLI, ...args],
      { env, timeout: 60_000 },
      (error, _stdout, stderr) => {
        if (error) reject(new Error(`wharf ${args.join(' ')}: ${stderr}`, { cause: error }));
        else resolve(classify([...stderr.matchAll(/^module: (\S+)$/gm)].map((m) => m[1]!)));
      }
    );
  });
}

function classify(modules: string[]): Loaded {
  const loaded: Loaded = { packages: new Set(), own: new Set() };
  for (const module of modules) {
    const file = module.startsWith('file:') ? fileURLToPath(module) : module;
    const found = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(file);
    if (found) loaded.packages.add(found[1]!.replace('\\', '/'));
    else if (file.startsWith(DIST)) loaded.own.add(file.slice(DIST.length).replaceAll('\\', '/'));
  }
  return loaded;
}

/** A project whose manifest declares one plain class; returns the manifest. */
function plainProject(): string {
  const project = mkdtempSync(join(tmpdir(), 'wharf-lazy-project-'));
  writeFileSync(join(project, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(join(project, 'plain.js'), 'export class Plain {}\n');
  const manifest = join(project, 'entry-points.json');
  writeFileSync(manifest, JSON.stringify({ 'test.plain': { plain: './plain.js:Plain' } }));
  return manifest;
}

describe('the command line loads only what a command needs', () => {
  for (const flag of ['--help', '--version']) {
    test(`wharf ${flag} loads the command tables only: no package, not the plugin layer`, async () => {
      const { packages, own } = await loadedBy([flag]);
      // Pinned: a package added here is a cost on every `wharf --help`. Not even commander:
      // the help is rendered from the tables (program-help.ts); no reflect-metadata, tsyringe
      // or Express: the bundled plugins' commands come from their index.
      assert.deepEqual([...packages].sort(), []);
      // No extension manager nor discovery (no stat of installed packages), no host, and
      // only the base error class: not the barrel of every error class.
      assert.deepEqual(
        [...own].filter(
          (file) =>
            /^core\/(plugins|server|api|pipeline|middleware|http)\//.test(file) ||
            file === 'core/errors.js' ||
            file === 'core/cli/plugin-commands.js'
        ),
        []
      );
    });

    test(`wharf ${flag} imports the cache folder's module only where Node has a compile cache`, async () => {
      const { own } = await loadedBy([flag]);
      // core/cache-dir.js loads node:os: about 14 M instructions of `wharf --help` on Node 20,
      // which has no compile cache to put there.
      assert.equal(own.has('core/cache-dir.js'), NODE_HAS_COMPILE_CACHE, [...own].join(' '));
    });
  }

  test('wharf extensions list of a project of plain plugins loads exactly what listing needs', async () => {
    const { packages, own } = await loadedBy(['extensions', 'list', '--manifest', plainProject()]);
    // Pinned: no Express, database, schema compiler, winston, nor tsyringe (nothing injects).
    assert.deepEqual([...packages].sort(), ['commander', 'leven', 'reflect-metadata']);
    assert.ok(!own.has('core/plugins/di-container.js'), [...own].join(' '));
  });

  test('wharf extensions list loads tsyringe when a plugin declares injections', async () => {
    const manifest = plainProject();
    writeFileSync(
      join(manifest, '..', 'injected.js'),
      "export class Injected {\n  static inject = [Symbol.for('wharf.token.logger')];\n  constructor(logger) {\n    this.logger = logger;\n  }\n}\n"
    );
    writeFileSync(
      manifest,
      JSON.stringify({
        'test.plain': { plain: './plain.js:Plain', injected: './injected.js:Injected' }
      })
    );
    const { packages } = await loadedBy(['extensions', 'list', '--manifest', manifest]);
    assert.ok(packages.has('tsyringe'), [...packages].join(' '));
  });

  test('wharf extensions list still loads winston when it has a line to write', async () => {
    const manifest = plainProject();
    writeFileSync(join(manifest, '..', 'broken.js'), 'export const Broken = 1;\n');
    writeFileSync(
      manifest,
      JSON.stringify({ 'test.plain': { plain: './plain.js:Plain', broken: './broken.js:Missing' } })
    );
    const { packages } = await loadedBy(['extensions', 'list', '--manifest', manifest]);
    assert.ok(packages.has('winston'), [...packages].join(' '));
  });

  test('wharf routes still loads the API layer it needs', async () => {
    const { packages, own } = await loadedBy(['routes', '--json']);
    assert.ok(packages.has('express'), [...packages].join(' '));
    // ajv and ajv-formats come bundled in one file the build writes (core/api/ajv-prebuilt.ts).
    assert.ok(own.has('core/api/ajv-prebuilt.cjs'), [...own].join(' '));
  });
});
