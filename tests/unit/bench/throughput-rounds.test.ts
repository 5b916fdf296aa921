/**
 * The throughput scenario's schedule (bench/harness/throughput-rounds.ts): every server runs
 * in several fresh processes one after the other, each serving its share of the rounds.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  roundProcesses,
  runRounds,
  type WarmServer
} from '../../../bench/harness/throughput-rounds.js';
import type { ServerSpec } from '../../../bench/scenarios.js';
import { givenLoad } from '../../helpers/measured-load.js';

function givenSpec(name: string): ServerSpec {
  return { name, script: `/bench/${name}.js`, args: [], env: {} };
}

/**
 * A fake driver recording what happens in order; the nth process started of a server costs
 * `costs[name][n]` us per request in every round it serves.
 */
function givenDriver(costs: Record<string, number[]>): {
  events: string[];
  start: (spec: ServerSpec) => Promise<WarmServer>;
} {
  const events: string[] = [];
  const started = new Map<string, number>();
  let pid = 100;
  const start = async (spec: ServerSpec): Promise<WarmServer> => {
    const nth = started.get(spec.name) ?? 0;
    started.set(spec.name, nth + 1);
    const id = `${spec.name}#${nth}`;
    events.push(`start ${id}`);
    return {
      process: { pid: pid++, startupMs: 5, warmupRequests: 50, warmupSeconds: 1 },
      measure: async () => {
        events.push(`measure ${id}`);
        return givenLoad(costs[spec.name]![nth]!);
      },
      stop: async () => {
        events.push(`stop ${id}`);
      }
    };
  };
  return { events, start };
}

describe('roundProcesses', () => {
  test('gives each process its rounds in a row', () => {
    assert.deepEqual(roundProcesses({ processes: 3, roundsPerProcess: 2 }), [0, 0, 1, 1, 2, 2]);
    assert.deepEqual(roundProcesses({ processes: 2, roundsPerProcess: 1 }), [0, 1]);
  });
});

describe('runRounds', () => {
  test('starts a fresh process of every server per group and stops the group before the next', async () => {
    const { events, start } = givenDriver({ a: [10, 20], b: [30, 40] });
    await runRounds(
      [givenSpec('a'), givenSpec('b')],
      { processes: 2, roundsPerProcess: 2 },
      start,
      () => {}
    );
    assert.deepEqual(events, [
      'start a#0',
      'start b#0',
      'measure a#0',
      'measure b#0',
      // The order rotates from round to round.
      'measure b#0',
      'measure a#0',
      'stop a#0',
      'stop b#0',
      'start a#1',
      'start b#1',
      'measure a#1',
      'measure b#1',
      'measure b#1',
      'measure a#1',
      'stop a#1',
      'stop b#1'
    ]);
  });

  test('names the round and the process of every sample, and each process started', async () => {
    const { start } = givenDriver({ a: [10, 20, 30] });
    const runs = await runRounds(
      [givenSpec('a')],
      { processes: 3, roundsPerProcess: 2 },
      start,
      () => {}
    );
    const { samples, processes } = runs.get('a')!;
    assert.deepEqual(
      samples.map(({ round, process, cpuUsPerRequest }) => [round, process, cpuUsPerRequest]),
      [
        [0, 0, 10],
        [1, 0, 10],
        [2, 1, 20],
        [3, 1, 20],
        [4, 2, 30],
        [5, 2, 30]
      ]
    );
    assert.deepEqual(
      processes.map(({ index, pid }) => [index, pid]),
      [
        [0, 100],
        [1, 101],
        [2, 102]
      ]
    );
  });

  test('stops the processes already started when one fails to start', async () => {
    const { events, start } = givenDriver({ a: [10] });
    const failing = async (spec: ServerSpec): Promise<WarmServer> => {
      if (spec.name === 'broken') throw new Error('WRONG ANSWER');
      return start(spec);
    };
    await assert.rejects(
      runRounds(
        [givenSpec('a'), givenSpec('broken')],
        { processes: 2, roundsPerProcess: 1 },
        failing,
        () => {}
      ),
      /WRONG ANSWER/
    );
    assert.deepEqual(events, ['start a#0', 'stop a#0']);
  });
});
