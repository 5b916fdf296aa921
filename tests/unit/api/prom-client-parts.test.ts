import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type * as PromClient from 'prom-client';
import { Gauge, Registry, collectDefaultMetrics } from '../../../core/api/prom-client-parts.js';

/** The prom-client files a fresh process has loaded once it built one API's metrics. */
function givenMetricsBuiltInAFreshProcess(): { files: string[]; exposition: string } {
  const url = pathToFileURL(join(import.meta.dirname, '../../../core/api/api-metrics.js')).href;
  const script = `import { createRequire } from 'node:module';
const { ApiMetrics } = await import(${JSON.stringify(url)});
const health = { isQuarantined: () => false, view: () => ({ faultsTotal: 0 }) };
const metrics = new ApiMetrics(() => ['widgets'], health);
const files = Object.keys(createRequire(import.meta.url).cache)
  .filter((file) => file.includes('/node_modules/prom-client/'))
  .map((file) => file.slice(file.indexOf('/node_modules/prom-client/') + 26));
process.stdout.write(JSON.stringify({ files, exposition: await metrics.registry.metrics() }));`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, NODE_OPTIONS: '' },
    encoding: 'utf8',
    timeout: 30_000
  });
  assert.equal(child.status, 0, child.stderr);
  return JSON.parse(child.stdout) as { files: string[]; exposition: string };
}

describe('prom-client parts', () => {
  test('building an API metrics registry leaves the rest of prom-client unloaded', () => {
    const { files, exposition } = givenMetricsBuiltInAFreshProcess();
    for (const unused of ['index.js', 'lib/pushgateway.js', 'lib/summary.js', 'lib/cluster.js'])
      assert.ok(!files.includes(unused), `${unused} was loaded`);
    // Same registry as before: wharf's gauges and prom-client's default metrics.
    assert.match(exposition, /^wharf_extension_quarantined\{extension="widgets"\} 0$/m);
    assert.match(exposition, /^# TYPE process_cpu_user_seconds_total counter$/m);
    assert.match(exposition, /^# TYPE nodejs_eventloop_lag_seconds gauge$/m);
  });

  test("are prom-client's own classes, shared with a later require('prom-client')", () => {
    const promClient = createRequire(import.meta.url)('prom-client') as typeof PromClient;
    assert.equal(Registry, promClient.Registry);
    assert.equal(Gauge, promClient.Gauge);
    assert.equal(collectDefaultMetrics, promClient.collectDefaultMetrics);
  });
});
