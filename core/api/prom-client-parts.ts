/**
 * The parts of prom-client that wharf uses, each required from its own file: prom-client's
 * index requires the whole library (the Pushgateway with `node:https` and `node:zlib`, the
 * Summary with tdigest and bintrees, the bucket generators, the cluster aggregator), about
 * 7 ms of CPU at every start that nothing of wharf's uses (docs/performance.md, "The load
 * plan's imports, session 18"). The files are prom-client's own, so a later
 * `require('prom-client')` (an extension's) shares these classes and registries. The
 * cluster aggregator is required only where a process aggregates or is aggregated
 * (`aggregatorRegistry`: a worker under `wharf serve`'s primary, and the primary).
 */
import { createRequire } from 'node:module';
import type * as PromClient from 'prom-client';

const require = createRequire(import.meta.url);

/** prom-client's `Registry`. */
export const Registry = require('prom-client/lib/registry') as typeof PromClient.Registry;

/** prom-client's `Gauge`. */
export const Gauge = require('prom-client/lib/gauge') as typeof PromClient.Gauge;

/** prom-client's `collectDefaultMetrics`. */
export const collectDefaultMetrics =
  require('prom-client/lib/defaultMetrics') as typeof PromClient.collectDefaultMetrics;

/** prom-client's `AggregatorRegistry`, required by the first call. */
export function aggregatorRegistry(): typeof PromClient.AggregatorRegistry {
  return require('prom-client/lib/cluster') as typeof PromClient.AggregatorRegistry;
}
