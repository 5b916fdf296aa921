/**
 * wharf over the synthetic API extensions (wharf/generate-api-extensions.ts): N collections
 * with `show` (widgets ten from the end) and one controller extension adding an action and
 * an `@wsgi.extends` post-processor to widgets, behind the full default pipeline. Only the
 * synthetic aliases are enabled (the bundled extensions are still discovered and loaded,
 * as in any host). Arguments: the route count (default 1000), then optionally the log level
 * (`[DEFAULT] log_level`, default `info`; at `warn` the request log writes no line, which
 * is how the bench measures the line's share of a request).
 */
import { announceListening } from './announce.js';
import { routeCountArgument } from './widget-api.js';
import { startWharf } from './wharf-host.js';
import { routesHostOptions } from '../wharf/routes-host-config.js';

const { port, phases } = await startWharf(
  await routesHostOptions(routeCountArgument(), process.argv[3])
);
announceListening(port, phases);
