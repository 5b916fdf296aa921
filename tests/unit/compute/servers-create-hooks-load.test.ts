import assert from 'node:assert/strict';
import { setImmediate as turn } from 'node:timers/promises';
import { test } from 'node:test';
import { createLogger, loadHostConfig } from '../../../core/host.js';
import { EntryPointCatalog } from '../../../core/plugins/catalog.js';
import { ComputeServices } from '../../../extensions/compute/index.js';
import { SERVER_CREATE_NAMESPACE } from '../../../extensions/servers/create-hooks.js';
import { Servers } from '../../../extensions/servers/servers-extension.js';

/** A catalog with no entry points that counts the lookups of each namespace. */
class CountingCatalog extends EntryPointCatalog {
  readonly lookups = new Map<string, number>();

  constructor() {
    super([]);
  }

  override list(namespace: string): ReturnType<EntryPointCatalog['list']> {
    this.lookups.set(namespace, (this.lookups.get(namespace) ?? 0) + 1);
    return super.list(namespace);
  }
}

/** A servers extension built as a host builds it, over a counting catalog. */
async function givenServers(): Promise<{ servers: Servers; catalog: CountingCatalog }> {
  const config = await loadHostConfig({ env: {} });
  const logger = createLogger({ silent: true });
  const catalog = new CountingCatalog();
  const services = new ComputeServices(config, logger, catalog);
  return { servers: new Servers(services, catalog, config, logger), catalog };
}

test('building the servers extension loads no create hook (a disabled one is built too)', async () => {
  const { catalog } = await givenServers();
  await turn();
  assert.equal(catalog.lookups.get(SERVER_CREATE_NAMESPACE), undefined);
});

test('prepare() loads the create hooks once, before any create', async () => {
  const { servers, catalog } = await givenServers();
  await servers.prepare();
  await servers.prepare();
  assert.equal(catalog.lookups.get(SERVER_CREATE_NAMESPACE), 1);
});
