/**
 * `wharf extensions list`: loads (imports, instantiates, checks) every entry point, or those
 * of one namespace, and prints namespace, name, target, source, status and error. Exit 0 when
 * the listing itself worked, even if extensions failed.
 */
import type { Command } from 'commander';
import { defaultLogger } from '../logger.js';
import { EntryPointCatalog, ExtensionManager, type LoadReportEntry } from '../plugins/index.js';
import { discoveryFrom, withCommonOptions, type CommonOptions } from './common-options.js';
import { profileFor } from './namespace-profiles.js';
import { renderTable } from './table.js';

interface ListOptions extends CommonOptions {
  namespace?: string;
  json?: boolean;
}

/** Loads the namespaces and returns one report row per entry point. */
export async function listExtensions(
  options: ListOptions
): Promise<{ rows: LoadReportEntry[]; problems: string[] }> {
  const catalog = await EntryPointCatalog.discover(discoveryFrom(options));
  const namespaces = options.namespace ? [options.namespace] : catalog.namespaces();
  const rows: LoadReportEntry[] = [];
  for (const namespace of namespaces) {
    const manager = await ExtensionManager.create(namespace, { ...profileFor(namespace), catalog });
    rows.push(...manager.report());
  }
  return { rows, problems: catalog.problems.map((problem) => problem.message) };
}

/** Registers `extensions list` on the program. */
export function registerExtensionsCommand(program: Command): void {
  const extensions = program.command('extensions').description('list the extensions wharf finds');
  withCommonOptions(extensions.command('list'))
    .description('load every entry point and print its status')
    .option('--namespace <ns>', 'only this namespace')
    .option('--json', 'print a JSON array instead of a table')
    .action(async (options: ListOptions) => {
      const { rows, problems } = await listExtensions(options);
      for (const problem of problems) defaultLogger().warn(problem);
      if (options.json) {
        process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      const header = ['NAMESPACE', 'NAME', 'TARGET', 'SOURCE', 'STATUS', 'ERROR'];
      const cells = rows.map((row) => [
        row.namespace,
        row.name,
        row.target,
        row.source,
        row.status,
        row.error ?? ''
      ]);
      process.stdout.write(renderTable(header, cells));
    });
}
