/**
 * Observations counted by label set, for the metrics recorded on every request, and the views
 * that put them in a prom-client `Registry` as a counter or a histogram.
 *
 * Why not prom-client's own `Counter` and `Histogram`: each `inc` and `observe` checks every
 * label name and builds a string out of all the label pairs to find its series, per call (two
 * calls for the counter and the histogram of every request, one more per processor). Here the
 * caller finds a series by a key it builds from the label values, and recording is two
 * additions and a bucket search. The views answer the registry as prom-client's own metrics
 * do (same names, types, labels, bucket bounds and values, `sum` aggregation under
 * `--workers`), so the exposition and the cluster aggregation are unchanged.
 */
import type { Metric, Registry } from 'prom-client';

/** Label names to values. */
export type Labels = Readonly<Record<string, string>>;

/** One label set's observations. */
export class Series {
  /** Observations recorded. */
  count = 0;
  /** Sum of the observed values. */
  sum = 0;
  /** Observations per bucket (not cumulative), one per upper bound of the table. */
  readonly buckets: number[];

  constructor(
    /** The label set, in the order the exposition lists them. */
    readonly labels: Labels,
    bounds: number
  ) {
    this.buckets = new Array<number>(bounds).fill(0);
  }
}

/** The series of one family of metrics, by key. */
export class SeriesTable {
  private readonly byKey = new Map<string, Series>();

  /** @param bounds the histogram's upper bounds, ascending (none for a plain counter) */
  constructor(readonly bounds: readonly number[] = []) {}

  /** The series of `key`, if anything was recorded in it. */
  find(key: string): Series | undefined {
    return this.byKey.get(key);
  }

  /** Starts the series of `key`, labelled `labels`. */
  add(key: string, labels: Labels): Series {
    const series = new Series(labels, this.bounds.length);
    this.byKey.set(key, series);
    return series;
  }

  /** Records one observation of `value` (a count of one for a counter). */
  record(series: Series, value: number): void {
    series.count += 1;
    series.sum += value;
    const { bounds } = this;
    for (let index = 0; index < bounds.length; index += 1) {
      if (value <= bounds[index]!) {
        series.buckets[index]! += 1;
        return;
      }
    }
  }

  /** Every series, in the order they were first recorded. */
  all(): IterableIterator<Series> {
    return this.byKey.values();
  }

  /** Forgets every series. */
  reset(): void {
    this.byKey.clear();
  }
}

/** What a metric is to prom-client's registry: its shape and values when scraped. */
type MetricValue = {
  labels: Record<string, string | number>;
  value: number;
  metricName?: string;
};

interface MetricView {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'histogram';
  readonly aggregator: 'sum';
  get(): Promise<{
    name: string;
    help: string;
    type: 'counter' | 'histogram';
    aggregator: 'sum';
    values: MetricValue[];
  }>;
  reset(): void;
}

/**
 * Registers a counter counting the observations of `table`'s series (those `counted` keeps),
 * labelled as each series.
 */
export function registerCounter(
  registry: Registry,
  table: SeriesTable,
  meta: { name: string; help: string },
  counted: (series: Series) => boolean = () => true
): void {
  register(registry, {
    ...meta,
    type: 'counter',
    aggregator: 'sum',
    get: () => {
      const values: MetricValue[] = [];
      for (const series of table.all())
        if (counted(series)) values.push({ labels: { ...series.labels }, value: series.count });
      return Promise.resolve({ ...meta, type: 'counter', aggregator: 'sum', values });
    },
    reset: () => table.reset()
  });
}

/**
 * Registers a histogram of `table`'s series: the cumulative buckets (`le`), `+Inf`, sum and
 * count of each, as prom-client's `Histogram` lists them.
 */
export function registerHistogram(
  registry: Registry,
  table: SeriesTable,
  meta: { name: string; help: string }
): void {
  const bucket = `${meta.name}_bucket`;
  register(registry, {
    ...meta,
    type: 'histogram',
    aggregator: 'sum',
    get: () => {
      const values: MetricValue[] = [];
      for (const series of table.all()) {
        let cumulative = 0;
        table.bounds.forEach((le, index) => {
          cumulative += series.buckets[index]!;
          values.push({ labels: { le, ...series.labels }, value: cumulative, metricName: bucket });
        });
        values.push(
          { labels: { le: '+Inf', ...series.labels }, value: series.count, metricName: bucket },
          { labels: { ...series.labels }, value: series.sum, metricName: `${meta.name}_sum` },
          { labels: { ...series.labels }, value: series.count, metricName: `${meta.name}_count` }
        );
      }
      return Promise.resolve({ ...meta, type: 'histogram', aggregator: 'sum', values });
    },
    reset: () => table.reset()
  });
}

function register(registry: Registry, view: MetricView): void {
  // The registry asks a metric only for what MetricView has; its type names prom-client's
  // own classes.
  registry.registerMetric(view as unknown as Metric);
}
