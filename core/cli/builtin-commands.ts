/**
 * The built-in commands: each named here with its one-line summary, its options and action
 * in its own module, which is imported only when the command line selects that command.
 * `wharf --help` lists the summaries without loading any of them (see "The command line" in
 * docs/performance.md).
 */
import type { Command } from 'commander';

/** One built-in command: what `wharf --help` shows and how to load the rest. */
export interface BuiltinCommand {
  name: string;
  summary: string;
  /** Imports the command's module; the function adds its options, subcommands and action. */
  load(): Promise<(command: Command) => void>;
}

/** Every built-in command, in the order `wharf --help` lists them. */
export const BUILTIN_COMMANDS: readonly BuiltinCommand[] = [
  {
    name: 'serve',
    summary: 'serve the APIs of [DEFAULT] enabled_apis',
    load: async () => (await import('./serve.js')).registerServeCommand
  },
  {
    name: 'extensions',
    summary: 'list the extensions wharf finds',
    load: async () => (await import('./extensions-list.js')).registerExtensionsCommand
  },
  {
    name: 'routes',
    summary: 'list the routes of the API',
    load: async () => (await import('./routes.js')).registerRoutesCommand
  },
  {
    name: 'check',
    summary: 'load and assemble everything without listening; exit 1 on any problem',
    load: async () => (await import('./check.js')).registerCheckCommand
  },
  {
    name: 'token',
    summary: 'signed tokens for the authtoken filter',
    load: async () => (await import('./token.js')).registerTokenCommand
  },
  {
    name: 'openapi',
    summary: 'print the OpenAPI 3.1 document of the API',
    load: async () => (await import('./openapi.js')).registerOpenApiCommand
  },
  {
    name: 'config',
    summary: 'the configuration options',
    load: async () => (await import('./config-list.js')).registerConfigCommand
  },
  {
    name: 'new',
    summary: 'create something new from a template',
    load: async () => (await import('./new-extension.js')).registerNewCommand
  }
];

/**
 * The command a command line selects: its first word (`wharf serve ...`), or the word after
 * `help` (`wharf help serve`); undefined for `wharf`, `wharf --help`, `wharf --version`.
 */
export function selectedCommand(argv: readonly string[]): string | undefined {
  const words = argv.filter((arg) => !arg.startsWith('-'));
  return words[0] === 'help' ? words[1] : words[0];
}
