/**
 * Observations counted by label set, for the metrics recorded on every request, and the views
 * that put them in a prom-client `Registry` as a counter or a histogram.
 *
 * Why not prom-client's own `Counter` and `Histogram`: each `inc` and `observe` checks every
 * label name and builds a string out of all the label pairs to find its series, per call (two
 * calls for the counter and the histogram of every request, one more per processor). Here a
 * series is found by its label values, one Map lookup per label (the values are the routing
 * table's and the extension set's own strings, whose hashes V8 keeps: no key string is built
 * and hashed per call), and recording is two additions and a bucket search. The views answer the registry as prom-client's own metrics
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

/** A label's value: text, or a number (a status) exposed as its decimal text. */
export type LabelValue = string | number;

/** One level of a table's index: a label's values to the next level, or to the series. */
type IndexLevel = Map<LabelValue, IndexLevel | Series>;

/** The series of one family of metrics, found by their label values. */
export class SeriesTable {
  private readonly index: IndexLevel = new Map();
  private readonly started: Series[] = [];

  /**
   * @param labelNames the labels of every series, in the order the exposition lists them
   * @param bounds the histogram's upper bounds, ascending (none for a plain counter)
   */
  constructor(
    readonly labelNames: readonly string[],
    readonly bounds: readonly number[] = []
  ) {}

  /** The series of the label values `values` (one per label name, in order), started if new. */
  seriesOf(values: readonly LabelValue[]): Series {
    let level = this.index;
    const last = values.length - 1;
    for (let at = 0; at < last; at += 1) {
      let next = level.get(values[at]!) as IndexLevel | undefined;
      if (next === undefined) {
        next = new Map();
        level.set(values[at]!, next);
      }
      level = next;
    }
    const found = level.get(values[last]!) as Series | undefined;
    if (found !== undefined) return found;
    const labels: Record<string, string> = {};
    this.labelNames.forEach((name, at) => (labels[name] = String(values[at])));
    const series = new Series(labels, this.bounds.length);
    level.set(values[last]!, series);
    this.started.push(series);
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
    return this.started.values();
  }

  /** Forgets every series. */
  reset(): void {
    this.index.clear();
    this.started.length = 0;
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
