/**
 * docs/deployment.md's rolling-upgrade example, run as written in a fresh folder (the
 * default SQLite database lands there): the plan of the running version, the diff of the
 * new one against it (the same build here: no breaking change, exit 0), then the migration.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { docCommands } from '../helpers/doc-commands.js';
import { runCli } from '../helpers/run-cli.js';

test('the rolling-upgrade example of docs/deployment.md runs, in order, and succeeds', async () => {
  const commands = docCommands('deployment.md');
  assert.deepEqual(
    commands.map((args) => args.slice(0, 2).join(' ')),
    ['check --plan', 'check --diff', 'db migrate']
  );
  const cwd = mkdtempSync(join(tmpdir(), 'wharf-deployment-doc-'));
  const outputs: string[] = [];
  for (const args of commands) {
    const result = await runCli(args, { cwd });
    assert.equal(result.code, 0, `wharf ${args.join(' ')}: ${result.stdout}${result.stderr}`);
    outputs.push(result.stdout);
  }
  assert.match(outputs[1]!, /breaking changes: 0/);
  assert.match(outputs[2]!, /applied: 0001-initial-schema/);
});
