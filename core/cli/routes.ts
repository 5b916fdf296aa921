/**
 * `wharf routes`: every route of the assembled API: name, method, path, handler, owning
 * extension, microversion range and details (requirements, `.{format}`, condition), and
 * every redirect.
 */
import type { Command } from 'commander';
import { prepareHost, createApiRouter } from '../server/host.js';
import { hostOptionsFrom, withCommonOptions, type CommonOptions } from './common-options.js';
import { renderTable } from './table.js';

/** Registers `routes` on the program. */
export function registerRoutesCommand(program: Command): void {
  withCommonOptions(program.command('routes'))
    .description('list the routes of the API')
    .option(
      '--json',
      'print a JSON array of { name, method, path, handler, extension, minVersion, maxVersion, details }'
    )
    .action(async (options: CommonOptions & { json?: boolean }) => {
      const router = await createApiRouter(await prepareHost(await hostOptionsFrom(options)));
      const routes = router.routes();
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
