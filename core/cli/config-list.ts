/**
 * `wharf config list [--json]`: every option the host knows (wharf's own and each plugin's,
 * with the configuration, manifest and drop-ins given), its current value and where that
 * value came from. Secret values are never printed.
 */
import type { Command } from 'commander';
import { configSettings, type ConfigSetting } from '../server/config.js';
import { configFrom, withCommonOptions, type CommonOptions } from './common-options.js';
import { renderTable } from './table.js';

/** One row of the listing; a secret's value is `(hidden)` once set. */
export interface ConfigListRow {
  section: string;
  name: string;
  group: string;
  value: ConfigSetting['value'];
  source: string;
}

/** The rows `wharf config list` prints, in registry order. */
export function configListRows(settings: readonly ConfigSetting[]): ConfigListRow[] {
  return settings.map(({ section, name, group, value, source, secret }) => ({
    section,
    name,
    group,
    value: secret && value !== '' ? '(hidden)' : value,
    source
  }));
}

/** Adds `list` to the `config` command. */
export function registerConfigCommand(config: Command): void {
  withCommonOptions(config.command('list'))
    .description('print every option with its current value and where it came from')
    .option('--json', 'print a JSON array of { section, name, group, value, source }')
    .action(async (options: CommonOptions & { json?: boolean }) => {
      const rows = configListRows(configSettings(await configFrom(options)));
      if (options.json) {
        process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      const text = (value: ConfigListRow['value']): string => {
        const shown = Array.isArray(value) ? value.join(', ') : String(value);
        return shown === '' ? '(empty)' : shown;
      };
      process.stdout.write(
        renderTable(
          ['SECTION', 'OPTION', 'VALUE', 'SOURCE', 'DECLARED BY'],
          rows.map((row) => [row.section, row.name, text(row.value), row.source, row.group])
        )
      );
    });
}
