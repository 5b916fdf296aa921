/**
 * docs/extension-guide.md cannot rot: its blocks marked ```sh guide are run in order from a
 * temporary folder, `wharf` being the compiled CLI on PATH. After the first block (which
 * creates the package) the host's TypeScript and Node types are linked into it, and npm
 * runs offline (npm_config_offline), so the guide's plain `npm install` needs no registry.
 */
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { linkHostDevTools, run } from '../helpers/new-package.js';
import { CLI } from '../helpers/run-cli.js';

const GUIDE = fileURLToPath(new URL('../../../docs/extension-guide.md', import.meta.url));

/** The guide's ```sh guide blocks, in order. */
function guideBlocks(): string[] {
  const text = readFileSync(GUIDE, 'utf8');
  return [...text.matchAll(/```sh guide\n([\s\S]*?)```/g)].map((match) => match[1]!);
}

/** A folder holding a `wharf` executable that runs the compiled CLI. */
function wharfOnPath(): string {
  const bin = mkdtempSync(join(tmpdir(), 'wharf-bin-'));
  writeFileSync(join(bin, 'wharf'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  chmodSync(join(bin, 'wharf'), 0o755);
  return bin;
}

test('every command of docs/extension-guide.md runs and succeeds', async () => {
  const blocks = guideBlocks();
  assert.ok(blocks.length >= 4, 'the guide has its ```sh guide blocks');
  assert.match(blocks[0]!, /^wharf new extension (\S+)\n$/);
  const name = /^wharf new extension (\S+)/.exec(blocks[0]!)![1]!;
  const dir = mkdtempSync(join(tmpdir(), 'wharf-guide-'));
  const env = {
    PATH: `${wharfOnPath()}${delimiter}${process.env.PATH ?? ''}`,
    npm_config_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false'
  };
  for (const [index, block] of blocks.entries()) {
    const result = await run('bash', ['-e', '-c', block], dir, env);
    assert.equal(result.code, 0, `block ${index + 1}:\n${block}\n${result.output}`);
    if (index === 0) linkHostDevTools(join(dir, name));
    if (block.includes('wharf check')) assert.match(result.output, /ok: no problems found/);
    if (block.includes('npm test')) assert.match(result.output, /# fail 0/);
  }
});
