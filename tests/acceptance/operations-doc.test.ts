import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/run-cli.js';

const DOC = new URL('../../../docs/operations.md', import.meta.url);

/** The `wharf` command lines of the `sh` blocks marked `<!-- tested -->`, in order. */
function testedCommands(markdown: string): string[][] {
  const blocks = [...markdown.matchAll(/<!-- tested -->\n```sh\n([\s\S]*?)```/g)];
  return blocks.flatMap(([, body]) =>
    body!
      .split('\n')
      .map((line) => line.replace(/#.*$/, '').trim())
      .filter((line) => line.startsWith('wharf '))
      .map((line) => line.split(/\s+/).slice(1))
  );
}

test('the tested examples of docs/operations.md run, in order, and succeed', async () => {
  const commands = testedCommands(readFileSync(DOC, 'utf8'));
  assert.ok(commands.length >= 5, `found ${commands.length} commands`);
  const cwd = mkdtempSync(join(tmpdir(), 'wharf-operations-'));
  for (const args of commands) {
    const result = await runCli(args, { cwd });
    assert.equal(result.code, 0, `wharf ${args.join(' ')}: ${result.stdout}${result.stderr}`);
  }
});
