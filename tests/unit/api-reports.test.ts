/**
 * The checked-in API reports (api/*.api.md) match the public surfaces `wharf`, `wharf/host`
 * and `wharf/testing` as built: a change to a surface must come with its report's diff.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

const SCRIPT = new URL('../../../scripts/api-reports.mjs', import.meta.url).href;

test('the API reports of wharf, wharf/host and wharf/testing are up to date', async () => {
  const { apiReports } = (await import(SCRIPT)) as {
    apiReports(options: { update: boolean }): string[];
  };
  assert.deepEqual(apiReports({ update: false }), [], 'stale API reports: run npm run api:update');
});

test('no public signature names a type its surface does not export (ae-forgotten-export)', async () => {
  const { forgottenExports } = (await import(SCRIPT)) as { forgottenExports(): string[] };
  assert.deepEqual(forgottenExports(), []);
});
