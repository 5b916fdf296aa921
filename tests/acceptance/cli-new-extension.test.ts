/**
 * `wharf new extension NAME`: from a temporary folder, the new package installs without the
 * registry (the host's TypeScript and Node types linked in first, then `npm install
 * --offline`, which links `wharf` from its `file:` spec), builds, passes its own tests,
 * passes `wharf check --strict --dropin DIR`, and `wharf serve --dropin DIR` serves its
 * resource and action. Bad names and non-empty folders are refused.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { runCli } from '../helpers/run-cli.js';
import { givenWharfServe, type WharfServe } from '../helpers/serve-cli.js';
import { givenInstalledPackage, run } from '../helpers/new-package.js';

describe('wharf new extension', () => {
  let serve: WharfServe | undefined;
  after(() => {
    serve?.child.kill('SIGTERM');
  });

  test('writes a package that installs, builds, tests, checks and serves', async () => {
    const dir = await givenInstalledPackage('gizmo-things');
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      peerDependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    assert.ok(pkg.peerDependencies.wharf);
    assert.match(pkg.devDependencies.wharf!, /^file:\//);

    const built = await run('npm', ['test'], dir);
    assert.equal(built.code, 0, built.output);
    assert.match(built.output, /# pass 3/);

    const checked = await runCli(['check', '--strict', '--dropin', dir], { cwd: dir });
    assert.equal(checked.code, 0, checked.stdout + checked.stderr);
    assert.match(checked.stdout, /^ok: no problems found/);

    serve = givenWharfServe(['--dropin', dir], { cwd: dir });
    const url = await serve.listening();
    const headers = { 'x-auth-token': 'u:p', 'content-type': 'application/json' };
    const created = await fetch(`${url}/v2.1/gizmo-things`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ item: { name: 'cog' } })
    });
    assert.equal(created.status, 201, await created.clone().text());
    const { item } = (await created.json()) as { item: { id: string } };
    const touched = await fetch(`${url}/v2.1/gizmo-things/${item.id}/action`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ touch: null })
    });
    assert.equal(touched.status, 202, await touched.text());
    const shown = await fetch(`${url}/v2.1/gizmo-things/${item.id}`, { headers });
    assert.deepEqual(await shown.json(), {
      item: { id: item.id, name: 'cog', touched: 1, name_length: 3 }
    });
    serve.child.kill('SIGTERM');
    assert.equal(await serve.exited, 0, serve.log());
    serve = undefined;
  });

  test('refuses an invalid name, naming the rule', async () => {
    const result = await runCli(['new', 'extension', 'Bad_Name', '--dir', tmpdir()]);
    assert.equal(result.code, 2, result.stdout + result.stderr);
    assert.match(
      result.stderr,
      /"Bad_Name" is not a valid extension name: .* \[WHARF_EXTENSION_NAME_INVALID\]/
    );
  });

  test('refuses a folder that is not empty and writes nothing into it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wharf-new-'));
    writeFileSync(join(dir, 'keep.txt'), 'mine');
    const result = await runCli(['new', 'extension', 'widgets', '--dir', dir]);
    assert.equal(result.code, 2, result.stdout + result.stderr);
    assert.match(result.stderr, /is not empty; choose another --dir \[WHARF_TARGET_NOT_EMPTY\]/);
    assert.deepEqual(readdirSync(dir), ['keep.txt']);
  });
});
