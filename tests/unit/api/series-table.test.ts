import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Counter, Histogram, Registry } from 'prom-client';
import { registerCounter, registerHistogram, SeriesTable } from '../../../core/api/series-table.js';

const BOUNDS = [0.001, 0.01, 0.1, 1];
const LABELS = ['route', 'status'] as const;

/** Observations: route, status, seconds (one above the last bound). */
const OBSERVED: [string, string, number][] = [
  ['/a', '200', 0.0005],
  ['/a', '200', 0.05],
  ['/b', '500', 0.001],
  ['/a', '200', 2],
  ['/b', '404', 0.2]
];

/** The same observations in prom-client's own metrics and in series tables. */
function givenBothRegistries(): { theirs: Registry; ours: Registry } {
  const theirs = new Registry();
  const count = new Counter({
    name: 'x_total',
    help: 'All.',
    labelNames: LABELS,
    registers: [theirs]
  });
  const failed = new Counter({
    name: 'x_errors_total',
    help: 'Failed.',
    labelNames: LABELS,
    registers: [theirs]
  });
  const time = new Histogram({
    name: 'x_seconds',
    help: 'Time.',
    labelNames: LABELS,
    buckets: BOUNDS,
    registers: [theirs]
  });
  const ours = new Registry();
  const table = new SeriesTable(LABELS, BOUNDS);
  registerCounter(ours, table, { name: 'x_total', help: 'All.' });
  registerCounter(
    ours,
    table,
    { name: 'x_errors_total', help: 'Failed.' },
    (series) => series.labels.status === '500'
  );
  registerHistogram(ours, table, { name: 'x_seconds', help: 'Time.' });
  for (const [route, status, seconds] of OBSERVED) {
    const labels = { route, status };
    count.inc(labels);
    if (status === '500') failed.inc(labels);
    time.observe(labels, seconds);
    table.record(table.seriesOf([route, Number(status)]), seconds);
  }
  return { theirs, ours };
}

describe('series tables', () => {
  test("expose the same text as prom-client's counters and histograms", async () => {
    const { theirs, ours } = givenBothRegistries();
    assert.equal(await ours.metrics(), await theirs.metrics());
  });

  test("give the cluster aggregation the same JSON as prom-client's, without exemplars", async () => {
    const { theirs, ours } = givenBothRegistries();
    // prom-client lists an empty exemplar with each value; wharf records none.
    const withoutExemplars = JSON.parse(
      JSON.stringify(await theirs.getMetricsAsJSON(), (key, value: unknown) =>
        key === 'exemplar' ? undefined : value
      )
    ) as unknown;
    assert.deepEqual(await ours.getMetricsAsJSON(), withoutExemplars);
  });

  test('find a series by its label values, one per value set, and forget them all on reset', async () => {
    const { ours } = givenBothRegistries();
    const table = new SeriesTable(['route', 'status', 'extension']);
    const series = table.seriesOf(['/a', 200, 'x']);
    table.record(series, 3);
    table.record(table.seriesOf(['/a', 200, 'x']), 4);
    assert.deepEqual(series.labels, { route: '/a', status: '200', extension: 'x' });
    assert.deepEqual([series.count, series.sum], [2, 7]);
    // Values that a joined key could confuse stay apart.
    assert.notEqual(table.seriesOf(['/a', 20, '0x']), series);
    assert.notEqual(table.seriesOf(['/a 200', '', 'x']), series);
    assert.deepEqual(
      [...table.all()].map((each) => each.labels),
      [
        { route: '/a', status: '200', extension: 'x' },
        { route: '/a', status: '20', extension: '0x' },
        { route: '/a 200', status: '', extension: 'x' }
      ]
    );
    table.reset();
    assert.deepEqual([...table.all()], []);
    assert.notEqual(table.seriesOf(['/a', 200, 'x']), series);
    ours.resetMetrics();
    assert.doesNotMatch(await ours.metrics(), /route=/);
  });
});
