#!/usr/bin/env node
/**
 * The `wharf` command line. Each command lives in its own file and registers itself here.
 * A wharf error (bad manifest, bad configuration) prints one line naming the problem and
 * exits 2; anything unexpected exits 1. Set WHARF_DEBUG=1 to see stacks.
 */
import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { WharfError } from '../errors.js';
import { registerCheckCommand } from './check.js';
import { registerConfigCommand } from './config-list.js';
import { registerExtensionsCommand } from './extensions-list.js';
import { hostPackageJson } from './host-package.js';
import { registerNewCommand } from './new-extension.js';
import { registerOpenApiCommand } from './openapi.js';
import { registerPluginCommands } from './plugin-commands.js';
import { registerRoutesCommand } from './routes.js';
import { registerServeCommand } from './serve.js';
import { registerTokenCommand } from './token.js';

/** Builds the program with every built-in command registered. */
export function buildProgram(): Command {
  const program = new Command('wharf')
    .description('an extension-plugin API host')
    .version(hostPackageJson().version, '-V, --version', 'prints the version of wharf')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  registerServeCommand(program);
  registerExtensionsCommand(program);
  registerRoutesCommand(program);
  registerCheckCommand(program);
  registerTokenCommand(program);
  registerOpenApiCommand(program);
  registerConfigCommand(program);
  registerNewCommand(program);
  return program;
}

/** Runs the command line and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    const program = buildProgram();
    await registerPluginCommands(program);
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
