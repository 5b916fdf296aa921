/** The bench's targets evaluated from a run's throughput results. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ServerThroughput, ThroughputResult } from '../../../bench/harness/throughput.js';
import { evaluateTargets, TARGET_SPECS, type TargetSpec } from '../../../bench/targets.js';

/** A server whose rounds cost `costs` microseconds of CPU per request (null: unknown). */
function givenServer(name: string, costs: (number | null)[]): ServerThroughput {
  return {
    name,
    samples: costs.map((cpuUsPerRequest) => ({ cpuUsPerRequest })),
    medianCpuUsPerRequest: null
  } as unknown as ServerThroughput;
}

function givenThroughput(...servers: ServerThroughput[]): ThroughputResult {
  return { servers, ratios: [] } as unknown as ThroughputResult;
}

const LOG_SHARE: TargetSpec = {
  name: 'log share',
  kind: 'cpu-share',
  numerator: 'with-log',
  denominator: 'without-log',
  comparison: '<=',
  limit: 0.15
};

describe('evaluateTargets, cpu-share', () => {
  test('takes 1 - CPU(denominator) / CPU(numerator) per round, then the median', () => {
    const throughput = givenThroughput(
      givenServer('with-log', [50, 40, 60]),
      givenServer('without-log', [45, 30, 54])
    );
    // Per round: 0.1, 0.25, 0.1 -> median 0.1.
    const [result] = evaluateTargets({ throughput }, [LOG_SHARE]);
    assert.equal(result!.name, 'log share');
    assert.ok(Math.abs(result!.value - 0.1) < 1e-12);
    assert.equal(result!.pass, true);
  });

  test('fails above the limit', () => {
    const throughput = givenThroughput(
      givenServer('with-log', [58.8, 60]),
      givenServer('without-log', [49.6, 50])
    );
    const [result] = evaluateTargets({ throughput }, [LOG_SHARE]);
    assert.ok(result!.value > 0.15);
    assert.equal(result!.pass, false);
  });

  test('is left out when a server was not run or a round has no CPU figure', () => {
    assert.deepEqual(
      evaluateTargets({ throughput: givenThroughput(givenServer('with-log', [50])) }, [LOG_SHARE]),
      []
    );
    const unknown = givenThroughput(
      givenServer('with-log', [50, 40]),
      givenServer('without-log', [45, null])
    );
    assert.deepEqual(evaluateTargets({ throughput: unknown }, [LOG_SHARE]), []);
  });

  test("the bench declares the request log's share at info, at most 15 %", () => {
    const spec = TARGET_SPECS.find((candidate) => candidate.kind === 'cpu-share');
    assert.deepEqual(
      spec && {
        numerator: spec.numerator,
        denominator: spec.denominator,
        comparison: spec.comparison,
        limit: spec.limit
      },
      {
        numerator: 'wharf-1000-routes',
        denominator: 'wharf-1000-routes-log-warn',
        comparison: '<=',
        limit: 0.15
      }
    );
  });
});
