/**
 * The wharf-N-routes server started as `wharf serve --load-plan` starts: from the load plan
 * (with its bundle of the N extension modules) that the harness wrote before the round
 * (wharf/routes-load-plan.ts), proved fresh and its bundle imported, then every start-up
 * step of the host as without a plan. Argument: the route count (default 1000).
 *
 * Like `wharf serve` (core/cli/main.ts), it first enables Node's compile cache where Node has
 * one (>= 22.1; core/cli/compile-cache.ts, under the run's `XDG_CACHE_HOME`), and imports
 * everything else after, so that from the second round on wharf, its packages and the plan's
 * bundle are compiled from V8's cached code, as a restarted `wharf serve` compiles them. The
 * plan's bundle runs from its CommonJS form, and the server writes that form's code cache as
 * `wharf serve` does: once idle after it announced listening, or when it stops.
 */
import { enableCompileCache } from '../../core/cli/compile-cache.js';

await enableCompileCache();
const { announceListening } = await import('./announce.js');
const { routeCountArgument } = await import('./widget-api.js');
const { startWharf } = await import('./wharf-host.js');
const { routesHostOptions } = await import('../wharf/routes-host-config.js');
const { routesLoadPlanFile } = await import('../wharf/fixtures.js');

const routes = routeCountArgument();
const codeCache = (): Promise<typeof import('../../core/plugins/load-plan-code-cache-save.js')> =>
  import('../../core/plugins/load-plan-code-cache-save.js');
const { port, phases } = await startWharf({
  ...(await routesHostOptions(routes)),
  loadPlan: routesLoadPlanFile(routes),
  beforeClose: async () => (await codeCache()).saveLoadPlanCodeCache()
});
announceListening(port, phases);
// As `wharf serve` does once listening: the code cache of the plan's bundle, when idle.
(await codeCache()).saveLoadPlanCodeCacheWhenIdle();
