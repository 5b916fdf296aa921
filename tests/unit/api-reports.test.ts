/**
 * The checked-in API reports (api/*.api.md) match the public surfaces `wharf`, `wharf/host`
 * and `wharf/testing` as built: a change to a surface must come with its report's diff. The
 * number of undocumented declarations in each report never rises above its checked-in
 * ceiling (api/undocumented-ceilings.json).
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

test('no report has more undocumented declarations than its checked-in ceiling', async () => {
  const { undocumentedCounts, undocumentedCeilings } = (await import(SCRIPT)) as {
    undocumentedCounts(): Record<string, number>;
    undocumentedCeilings(): Record<string, number>;
  };
  const counts = undocumentedCounts();
  const ceilings = undocumentedCeilings();
  assert.deepEqual(
    Object.keys(counts).sort(),
    Object.keys(ceilings).sort(),
    'a ceiling per report'
  );
  for (const [report, count] of Object.entries(counts)) {
    assert.ok(
      count <= ceilings[report]!,
      `${report}: ${count} undocumented declarations, ceiling ${ceilings[report]}: ` +
        'add doc comments (api/undocumented-ceilings.json may only go down)'
    );
  }
});

test('no public signature names a type its surface does not export (ae-forgotten-export)', async () => {
  const { forgottenExports } = (await import(SCRIPT)) as { forgottenExports(): string[] };
  assert.deepEqual(forgottenExports(), []);
});
