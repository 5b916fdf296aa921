import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runCli } from '../helpers/run-cli.js';

describe('wharf config list', () => {
  test("prints every option, the compute extensions' too, with value and source", async () => {
    const result = await runCli(['config', 'list', '--json'], {
      env: { WHARF_QUOTA__INSTANCES: '3', WHARF_AUTH__TOKEN_SECRET: 'not-for-eyes' }
    });
    assert.equal(result.code, 0, result.stderr);
    const rows = JSON.parse(result.stdout) as { section: string; name: string; value: unknown }[];
    const find = (section: string, name: string) =>
      rows.find((row) => row.section === section && row.name === name);
    assert.deepEqual(find('quota', 'instances'), {
      section: 'quota',
      name: 'instances',
      group: 'compute',
      value: 3,
      source: 'environment variable WHARF_QUOTA__INSTANCES'
    });
    assert.deepEqual(find('wsgi', 'port'), {
      section: 'wsgi',
      name: 'port',
      group: 'wharf',
      value: 8774,
      source: 'default'
    });
    assert.equal(find('auth', 'token_secret')?.value, '(hidden)');
    assert.ok(!result.stdout.includes('not-for-eyes'));
  });

  test('prints a table, and names a typo in the environment', async () => {
    const table = await runCli(['config', 'list']);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /^SECTION +OPTION +VALUE +SOURCE +DECLARED BY$/m);
    assert.match(
      table.stdout,
      /^database +connection +sqlite:data\/wharf\.sqlite +default +compute$/m
    );
    const typo = await runCli(['config', 'list'], { env: { WHARF_QUOTA__INSTANCE: '3' } });
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /did you mean WHARF_QUOTA__INSTANCES\?/);
  });
});
