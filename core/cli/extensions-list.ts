/**
 * `wharf extensions list`: loads (imports, instantiates, checks) every entry point, or those
 * of one namespace, and prints namespace, name, target, source, status and error; for API
 * extensions also the alias and what each contributes. Exit 0 when the listing itself
 * worked, even if extensions failed.
 */
import type { Command } from 'commander';
import { API_NAMESPACE } from '../api/api-namespace.js';
import { deferredLogger } from '../logger.js';
import type { LoadReportEntry } from '../plugins/extension-manager-base.js';
import { ExtensionManager } from '../plugins/extension-manager.js';
import { prepareHost, type HostBase } from '../server/host-base.js';
import { hostOptionsFrom, withCommonOptions, type CommonOptions } from './common-options.js';
import { profileFor } from '../server/namespace-profiles.js';
import { renderTable } from './table.js';

/** What an API extension contributes, on its listing row. */
export interface ApiContribution {
  alias: string;
  resources: string[];
  actions: string[];
  extendedMethods: string[];
}

/** One listing row: the load report plus, for API extensions, their contributions. */
export interface ListingRow extends LoadReportEntry {
  api: ApiContribution | null;
}

interface ListOptions extends CommonOptions {
  namespace?: string;
  json?: boolean;
}

/** Loads the namespaces of a prepared host and returns one row per entry point. */
export async function listExtensions(base: HostBase, namespace?: string): Promise<ListingRow[]> {
  const namespaces = namespace ? [namespace] : base.catalog.namespaces();
  const rows: ListingRow[] = [];
  for (const name of namespaces) {
    rows.push(...(name === API_NAMESPACE ? await apiRows(base) : await pluginRows(base, name)));
  }
  return rows;
}

async function pluginRows(base: HostBase, namespace: string): Promise<ListingRow[]> {
  const manager = await ExtensionManager.create(namespace, profileFor(namespace, base));
  return manager.report().map((row) => ({ ...row, api: null }));
}

/** The API namespace's rows; the API layer (and Express) is imported only to list it. */
async function apiRows(base: HostBase): Promise<ListingRow[]> {
  const { createApiRouter } = await import('../server/host.js');
  const router = await createApiRouter(base);
  const byEntryPoint = new Map(router.registry.all().map((record) => [record.entryPoint, record]));
  return router.report().map((row) => {
    const record = byEntryPoint.get(row.name);
    const api = record
      ? {
          alias: record.alias,
          resources: record.resources,
          actions: record.actions,
          extendedMethods: record.extendedMethods
        }
      : null;
    return { ...row, api };
  });
}

function contributionText(api: ApiContribution | null): string {
  if (!api) return '';
  const parts = [
    api.resources.length ? `resources: ${api.resources.join(' ')}` : '',
    api.actions.length ? `actions: ${api.actions.join(' ')}` : '',
    api.extendedMethods.length ? `extends: ${api.extendedMethods.join(' ')}` : ''
  ];
  return parts.filter(Boolean).join('; ');
}

/** Adds `list` to the `extensions` command. */
export function registerExtensionsCommand(extensions: Command): void {
  withCommonOptions(extensions.command('list'))
    .description('load every entry point and print its status')
    .option('--namespace <ns>', 'only this namespace')
    .option('--json', 'print a JSON array instead of a table')
    .action(async (options: ListOptions) => {
      const hostOptions = await hostOptionsFrom(options);
      const { log_level: level, log_format: format } = hostOptions.config.DEFAULT;
      // winston is loaded only if a line is written (a problem, a failed extension).
      const logger = deferredLogger({ level, format });
      const rows = await listExtensions(
        await prepareHost({ ...hostOptions, logger }),
        options.namespace
      );
      if (options.json) {
        process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      const header = [
        'NAMESPACE',
        'NAME',
        'TARGET',
        'SOURCE',
        'STATUS',
        'ALIAS',
        'CONTRIBUTES',
        'ERROR'
      ];
      const cells = rows.map((row) => [
        row.namespace,
        row.name,
        row.target,
        row.source,
        row.status,
        row.api?.alias ?? '',
        contributionText(row.api),
        row.error ?? ''
      ]);
      process.stdout.write(renderTable(header, cells));
    });
}
