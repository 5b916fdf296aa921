#!/usr/bin/env node
/**
 * The `wharf` command line. Each command lives in its own file, listed in builtin-commands.ts
 * and imported only when it runs: `wharf --help` and `wharf --version` load commander and the
 * command line's tables only (the bundled plugins' commands are listed from
 * bundled-plugin-commands.ts).
 * A wharf error (bad manifest, bad configuration) prints one line naming the problem and
 * exits 2; anything unexpected exits 1. Set WHARF_DEBUG=1 to see stacks.
 */
import { Command, CommanderError } from './commander.js';
import { WharfError } from '../errors/wharf-error.js';
import { BUILTIN_COMMANDS, selectedCommand } from './builtin-commands.js';
import { BUNDLED_PLUGIN_COMMANDS } from './bundled-plugin-commands.js';
import { hostPackageJson } from './host-package.js';

/** Printed after the command list when the commands of extension packages were not looked for. */
const PACKAGE_COMMANDS_HINT = `
Installed and drop-in extension packages may add commands of their own (namespace
wharf.commands): \`wharf extensions list --namespace wharf.commands\` lists them and
\`wharf help COMMAND\` shows one.
`;

/**
 * Builds the program for one command line: every built-in command is listed, and only the
 * one `argv` selects is loaded (its module imported, its options and action added). With no
 * command (`wharf --help`, `wharf --version`, `wharf`), the bundled plugins' commands are
 * listed from their index; with a command that is not built in, the commands of every
 * extension package are found and registered through the plugin layer.
 */
export async function buildProgram(argv: readonly string[]): Promise<Command> {
  const program = new Command('wharf')
    .description('an extension-plugin API host')
    .version(hostPackageJson().version, '-V, --version', 'prints the version of wharf')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  const selected = selectedCommand(argv);
  let builtin = false;
  for (const { name, summary, load } of BUILTIN_COMMANDS) {
    const command = program.command(name).description(summary);
    if (name !== selected) continue;
    (await load())(command);
    builtin = true;
  }
  if (builtin) return program;
  if (selected === undefined) {
    for (const { name, summary } of BUNDLED_PLUGIN_COMMANDS)
      program.command(name).description(summary);
    program.addHelpText('after', PACKAGE_COMMANDS_HINT);
  } else {
    await (await import('./plugin-commands.js')).registerPluginCommands(program);
  }
  return program;
}

/** Runs the command line and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    const program = await buildProgram(argv);
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    const known = error instanceof WharfError;
    process.stderr.write(`wharf: ${known ? `${error.message} [${error.code}]` : String(error)}\n`);
    if (process.env.WHARF_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    return known ? 2 : 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
