/**
 * `wharf routes`: every route of the assembled API: name, method, path, handler, owning
 * extension, microversion range and details (requirements, `.{format}`, condition, and
 * `_method` when the paste file puts the `method_override` filter to use, so a POST reaches
 * the route), and every redirect.
 */
import type { Command } from 'commander';
import { resolveAndCheck } from '../pipeline/build-pipeline.js';
import { entryPointResolver } from '../pipeline/entry-point-resolver.js';
import { filtersInUse } from '../pipeline/filters-in-use.js';
import { loadPasteConfig } from '../pipeline/paste-config.js';
import { prepareHost, createApiRouter, type HostBase } from '../server/host.js';
import { hostOptionsFrom, withCommonOptions, type CommonOptions } from './common-options.js';
import { renderTable } from './table.js';

/** The entry point of routes' `use_method_override`. */
const METHOD_OVERRIDE = 'method_override';

/** Adds the options and action of `routes` to its command. */
export function registerRoutesCommand(routes: Command): void {
  withCommonOptions(routes)
    .option('--paste-config <file>', 'the paste pipeline file ([wsgi] api_paste_config)')
    .option(
      '--json',
      'print a JSON array of { name, method, path, handler, extension, minVersion, maxVersion, details }'
    )
    .action(async (options: CommonOptions & { json?: boolean; pasteConfig?: string }) => {
      const base = await prepareHost(
        await hostOptionsFrom(options, { 'wsgi.api_paste_config': options.pasteConfig })
      );
      const routes = (await createApiRouter(base)).routes();
      if (await methodOverrideInUse(base)) {
        for (const route of routes) if (route.method !== 'POST') route.details.push('_method');
      }
      if (options.json) {
        process.stdout.write(`${JSON.stringify(routes, null, 2)}\n`);
        return;
      }
      const rows = routes.map((route) => [
        route.name ?? '-',
        route.method,
        route.path,
        route.handler,
        route.extension,
        route.minVersion ?? '-',
        route.maxVersion ?? '-',
        route.details.join(' ') || '-'
      ]);
      process.stdout.write(
        renderTable(
          ['NAME', 'METHOD', 'PATH', 'HANDLER', 'EXTENSION', 'MIN', 'MAX', 'DETAILS'],
          rows
        )
      );
    });
}

/** Whether the host's paste file puts a `method_override` filter to use. */
async function methodOverrideInUse({ config, catalog, logger }: HostBase): Promise<boolean> {
  const paste = loadPasteConfig(config.wsgi.api_paste_config);
  const resolve = entryPointResolver(catalog, logger);
  const factories = await resolveAndCheck(paste, resolve);
  const factory = await resolve('filter', METHOD_OVERRIDE, {
    scheme: 'entry',
    name: METHOD_OVERRIDE
  });
  return filtersInUse(paste, factories, factory).length > 0;
}
