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
import { ensureRoutesFixture } from '../wharf/fixtures.js';
import { syntheticAliases } from '../wharf/generate-api-extensions.js';

const routes = routeCountArgument();
const logLevel = process.argv[3];
const dropin = await ensureRoutesFixture(routes);
const { port, phases } = await startWharf({
  overrides: {
    'extensions.enabled': syntheticAliases(routes).join(','),
    ...(logLevel === undefined ? {} : { 'DEFAULT.log_level': logLevel })
  },
  dropins: [dropin]
});
announceListening(port, phases);
