/**
 * The configuration and drop-in folder of the wharf-N-routes servers (only the synthetic
 * aliases enabled), shared by the servers and by the load plan written for them, so the
 * plan is written for exactly the discovery the server does.
 */
import { ensureRoutesFixture } from './fixtures.js';
import { syntheticAliases } from './generate-api-extensions.js';

/** The configuration overrides and drop-in folders of a host over `routes` synthetic routes. */
export async function routesHostOptions(
  routes: number,
  logLevel?: string
): Promise<{ overrides: Record<string, string>; dropins: string[] }> {
  const dropin = await ensureRoutesFixture(routes);
  return {
    overrides: {
      'extensions.enabled': syntheticAliases(routes).join(','),
      ...(logLevel === undefined ? {} : { 'DEFAULT.log_level': logLevel })
    },
    dropins: [dropin]
  };
}
