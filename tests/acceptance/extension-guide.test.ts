/**
 * docs/extension-guide.md cannot rot: its blocks marked ```sh guide are run in order from a
 * temporary folder, `wharf` being the compiled CLI on PATH. After the first block (which
 * creates the package) the host's TypeScript and Node types are linked into it, and npm
 * runs offline (npm_config_offline), so the guide's plain `npm install` needs no registry.
 * Then its ```sh guide-serve command is started there with `WHARF_WSGI__PORT=0`, its ```sh
 * guide-call request is sent to the port it logged, and the answer is compared with its
 * ```json guide-answer (each UUID read as any UUID) before the server is stopped.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { linkHostDevTools, run } from '../helpers/new-package.js';
import { CLI } from '../helpers/run-cli.js';
import { watchWharfServe, type WharfServe } from '../helpers/serve-cli.js';

const GUIDE = fileURLToPath(new URL('../../../docs/extension-guide.md', import.meta.url));
/** Where the guide says `wharf serve` listens by default. */
const SHOWN_URL = 'http://127.0.0.1:8774';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** The guide's blocks of one kind (```sh guide, ```sh guide-serve...), in order. */
function guideBlocks(kind: string): string[] {
  const text = readFileSync(GUIDE, 'utf8');
  const fence = new RegExp('```' + kind + '\\n([\\s\\S]*?)```', 'g');
  return [...text.matchAll(fence)].map((match) => match[1]!);
}

/** The one block of `kind` the guide shows. */
function guideBlock(kind: string): string {
  const blocks = guideBlocks(kind);
  assert.equal(blocks.length, 1, `the guide has one \`\`\`${kind} block`);
  return blocks[0]!;
}

/** A folder holding a `wharf` executable that runs the compiled CLI. */
function wharfOnPath(): string {
  const bin = mkdtempSync(join(tmpdir(), 'wharf-bin-'));
  writeFileSync(join(bin, 'wharf'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  chmodSync(join(bin, 'wharf'), 0o755);
  return bin;
}

let served: WharfServe | undefined;
after(() => {
  served?.child.kill('SIGTERM');
});

test('every command of docs/extension-guide.md runs and answers as shown', async () => {
  const blocks = guideBlocks('sh guide');
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

  const serve = guideBlock('sh guide-serve');
  assert.match(serve, /^wharf serve [^\n]*\n$/, 'the server is started by one command');
  const call = guideBlock('sh guide-call');
  assert.ok(call.includes(SHOWN_URL), `the request goes to ${SHOWN_URL}`);
  const shown = guideBlock('json guide-answer');
  const child = spawn('bash', ['-c', `exec ${serve}`], {
    cwd: dir,
    env: { ...process.env, ...env, WHARF_WSGI__PORT: '0', XDG_CACHE_HOME: join(dir, '.cache') },
    stdio: ['ignore', 'ignore', 'pipe']
  });
  served = watchWharfServe(child, dir);
  const url = await served.listening();
  const answer = await run('bash', ['-e', '-c', call.replaceAll(SHOWN_URL, url)], dir, env);
  assert.equal(answer.code, 0, answer.output);
  assert.equal(answer.output.replace(UUID, '<uuid>'), shown.trim().replace(UUID, '<uuid>'));
  child.kill('SIGTERM');
  assert.equal(await served.exited, 0, served.log());
  served = undefined;
});
