/** The README Performance table rendered from two bench result files. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { BenchResults } from '../../../bench/harness/report.js';
import { renderSideBySide, runHeading } from '../../../bench/harness/side-by-side.js';
import type { TargetResult } from '../../../bench/targets.js';

function run(childNode: string, targets: TargetResult[]): BenchResults {
  return {
    machine: {
      cpuModel: 'cpu',
      cores: 2,
      memoryGiB: 24,
      platform: 'linux-x64',
      harnessNode: 'v20.20.2',
      childNode,
      childNodePath: '/usr/bin/node',
      commit: null,
      date: '2026-12-06T00:00:00.000Z'
    },
    quick: false,
    profile: {} as BenchResults['profile'],
    targets
  };
}

const ratio = (value: number, pass: boolean): TargetResult => ({
  name: 'wharf vs Express',
  value,
  comparison: '>=',
  limit: 0.75,
  pass
});
const startup: TargetResult = {
  name: 'start-up ms',
  value: 612.345,
  comparison: '<=',
  limit: 1000,
  pass: true
};

describe('renderSideBySide', () => {
  test('one row per target, one column per run, with PASS/FAIL and the limit', () => {
    const table = renderSideBySide([
      {
        heading: runHeading(run('v20.20.2', [ratio(1.456, true), startup])),
        results: run('v20.20.2', [ratio(1.456, true), startup])
      },
      { heading: 'Node 24', results: run('v24.22.3', [ratio(0.5, false)]) }
    ]);
    assert.deepEqual(table.split('\n'), [
      '| target | Node 20.20.2 | Node 24 | limit |',
      '| --- | --- | --- | --- |',
      '| wharf vs Express | 1.46 PASS | 0.5 FAIL | >= 0.75 |',
      '| start-up ms | 612.35 PASS | - | <= 1000 |'
    ]);
  });
});
