/**
 * The throughput figures from samples served by several processes per server
 * (bench/harness/throughput-summary.ts) and their rendering in the report.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { byProcess } from '../../../bench/harness/report.js';
import type { ServerProcess } from '../../../bench/harness/throughput.js';
import type { RoundSample, ServerRuns } from '../../../bench/harness/throughput-rounds.js';
import { cpuSpread, ratioOf, summarizeServer } from '../../../bench/harness/throughput-summary.js';
import { givenLoad } from '../../helpers/measured-load.js';

/** Runs whose round `i` was served by process `processOf[i]` at `cpu[i]` us per request. */
function givenRuns(processOf: number[], cpu: (number | null)[]): ServerRuns {
  const samples = cpu.map((cost, round): RoundSample => ({
    ...givenLoad(cost),
    round,
    process: processOf[round]!
  }));
  const processes = [...new Set(processOf)].map((index): ServerProcess => ({
    index,
    pid: 100 + index,
    startupMs: 5,
    warmupRequests: 50,
    warmupSeconds: 1
  }));
  return { samples, processes };
}

describe('summarizeServer', () => {
  test("gives each process's median and the spread between processes", () => {
    // The second process sits in a costlier state for both its rounds.
    const summary = summarizeServer('a', givenRuns([0, 0, 1, 1, 2, 2], [40, 42, 70, 72, 44, 46]));
    assert.deepEqual(summary.processCpuUsPerRequest, [41, 71, 45]);
    // givenLoad's helper threads take a tenth of each round's CPU.
    assert.deepEqual(summary.processHelperCpuUsPerRequest, [4.1, 7.1, 4.5]);
    assert.deepEqual(
      summary.processRequestsPerSecond.map((rate) => Math.round(rate)),
      [24405, 14087, 22233]
    );
    assert.ok(Math.abs(summary.processCpuSpread! - 71 / 41) < 1e-12);
    // The median over all rounds: (44 + 46) / 2; req/s per process: e.g. (25000 + 23810) / 2.
    assert.equal(summary.medianCpuUsPerRequest, 45);
    assert.equal(summary.processes.length, 3);
  });

  test('has no spread with one process or an unknown CPU figure', () => {
    assert.equal(summarizeServer('a', givenRuns([0, 0], [40, 50])).processCpuSpread, null);
    const unknown = summarizeServer('a', givenRuns([0, 1], [40, null]));
    assert.equal(unknown.processCpuSpread, null);
    assert.equal(unknown.medianCpuUsPerRequest, null);
    assert.deepEqual(unknown.processHelperCpuUsPerRequest, [4, null]);
    assert.equal(cpuSpread([40, 60]), 1.5);
  });
});

describe('ratioOf', () => {
  test('pairs the two servers round by round, then takes the median', () => {
    const runs = new Map([
      ['action', givenRuns([0, 0, 1, 1, 2, 2], [50, 50, 90, 90, 55, 55])],
      ['show', givenRuns([0, 0, 1, 1, 2, 2], [40, 40, 45, 45, 44, 44])]
    ]);
    const ratio = ratioOf({ numerator: 'action', denominator: 'show' }, runs);
    assert.equal(ratio.name, 'action / show');
    assert.deepEqual(
      ratio.cpuPerRound!.map((value) => Math.round(value * 100) / 100),
      [0.8, 0.8, 0.5, 0.5, 0.8, 0.8]
    );
    // One costlier process of three does not move the median.
    assert.ok(Math.abs(ratio.median - 0.8) < 1e-12);
    assert.ok(Math.abs(ratio.cpuMedian! - 0.8) < 1e-12);
  });
});

describe('byProcess', () => {
  test('puts a bar between the rounds of two processes', () => {
    assert.equal(
      byProcess([0.911, 0.9, 0.5, 0.52, 0.8], [0, 0, 1, 1, 2]),
      '0.91 0.9 | 0.5 0.52 | 0.8'
    );
  });
});
