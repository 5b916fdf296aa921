/**
 * The command line imports only what the command it runs needs (docs/performance.md, "The
 * command line"): a module-resolution hook in the child records every package it loads.
 * No timing is asserted here; `npm run bench -- --only cli` measures the whole processes.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CLI } from '../helpers/run-cli.js';

const RECORD_PACKAGES = `
import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(\`
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  const found = /node_modules\\\\/((?:@[^/]+\\\\/)?[^/]+)\\\\//.exec(resolved.url);
  if (found) process.stderr.write('package: ' + found[1] + '\\\\n');
  return resolved;
}\`));
`;

/** The packages a `wharf ...args` process loads. */
function packagesLoadedBy(args: string[]): Promise<Set<string>> {
  const hook = `data:text/javascript,${encodeURIComponent(RECORD_PACKAGES)}`;
  const env = { ...process.env, XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'wharf-lazy-')) };
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', hook, CLI, ...args],
      { env, timeout: 60_000 },
      (error, _stdout, stderr) => {
        if (error) reject(new Error(`wharf ${args.join(' ')}: ${stderr}`, { cause: error }));
        else resolve(new Set([...stderr.matchAll(/^package: (\S+)$/gm)].map((m) => m[1]!)));
      }
    );
  });
}

const HEAVY = ['express', 'kysely', 'better-sqlite3', 'pg', 'ajv', 'winston', 'tsyringe'];

describe('the command line loads only what a command needs', () => {
  test('wharf --help loads commander and none of the heavy packages', async () => {
    const loaded = await packagesLoadedBy(['--help']);
    assert.ok(loaded.has('commander'), [...loaded].join(' '));
    assert.deepEqual(
      HEAVY.filter((name) => loaded.has(name)),
      []
    );
  });

  test('wharf extensions list of a project of plain plugins loads neither Express nor the database', async () => {
    const project = mkdtempSync(join(tmpdir(), 'wharf-lazy-project-'));
    writeFileSync(join(project, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(join(project, 'plain.js'), 'export class Plain {}\n');
    const manifest = join(project, 'entry-points.json');
    writeFileSync(manifest, JSON.stringify({ 'test.plain': { plain: './plain.js:Plain' } }));
    const loaded = await packagesLoadedBy(['extensions', 'list', '--manifest', manifest]);
    assert.deepEqual(
      ['express', 'kysely', 'better-sqlite3', 'pg', 'ajv'].filter((name) => loaded.has(name)),
      []
    );
  });

  test('wharf routes still loads the API layer it needs', async () => {
    const loaded = await packagesLoadedBy(['routes', '--json']);
    assert.ok(loaded.has('express') && loaded.has('ajv'), [...loaded].join(' '));
  });
});
