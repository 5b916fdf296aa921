/**
 * The wharf-N-routes server started as `wharf serve --load-plan` starts: from the load plan
 * (with its bundle of the N extension modules) that the harness wrote before the round
 * (wharf/routes-load-plan.ts), proved fresh and its bundle imported, then every start-up
 * step of the host as without a plan. Argument: the route count (default 1000).
 */
import { announceListening } from './announce.js';
import { routeCountArgument } from './widget-api.js';
import { startWharf } from './wharf-host.js';
import { routesHostOptions } from '../wharf/routes-host-config.js';
import { routesLoadPlanFile } from '../wharf/fixtures.js';

const routes = routeCountArgument();
const { port, phases } = await startWharf({
  ...(await routesHostOptions(routes)),
  loadPlan: routesLoadPlanFile(routes)
});
announceListening(port, phases);
