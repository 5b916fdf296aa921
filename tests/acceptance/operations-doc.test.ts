import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { docCommands } from '../helpers/doc-commands.js';
import { runCli } from '../helpers/run-cli.js';

test('the tested examples of docs/operations.md run, in order, and succeed', async () => {
  const commands = docCommands('operations.md');
  assert.ok(commands.length >= 5, `found ${commands.length} commands`);
  const cwd = mkdtempSync(join(tmpdir(), 'wharf-operations-'));
  for (const args of commands) {
    const result = await runCli(args, { cwd });
    assert.equal(result.code, 0, `wharf ${args.join(' ')}: ${result.stdout}${result.stderr}`);
  }
});
