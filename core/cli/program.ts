/**
 * The commander program of one command line: every built-in command is listed, and only the
 * one the command line selects is loaded (its module imported, its options and action
 * added). The top-level help and the version are answered without commander
 * (program-help.ts); this builds the same help for every other command line.
 * A wharf error (bad manifest, bad configuration) prints one line naming the problem and
 * exits 2; anything unexpected exits 1. Set WHARF_DEBUG=1 to see stacks.
 */
import { Command, CommanderError } from './commander.js';
import { WharfError } from '../errors/wharf-error.js';
import { BUILTIN_COMMANDS, selectedCommand } from './builtin-commands.js';
import { BUNDLED_PLUGIN_COMMANDS } from './bundled-plugin-commands.js';
import { hostPackageJson } from './host-package.js';
import { PACKAGE_COMMANDS_HINT, PROGRAM, VERSION_OPTION } from './program-help.js';

/**
 * Builds the program for one command line. With no command (`wharf --help`), the bundled
 * plugins' commands are listed from their index; with a command that is not built in, the
 * commands of every extension package are found and registered through the plugin layer.
 */
export async function buildProgram(argv: readonly string[]): Promise<Command> {
  const program = new Command(PROGRAM.name)
    .description(PROGRAM.description)
    .version(hostPackageJson().version, VERSION_OPTION.flags, VERSION_OPTION.description)
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

/** Runs a command line through commander and returns the exit code. */
export async function runProgram(argv: string[]): Promise<number> {
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
