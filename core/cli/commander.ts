/**
 * commander's values, loaded with `require`: commander is CommonJS, and importing it from
 * ESM goes through its ESM wrapper and a scan of its source for named exports, which costs
 * twice the load itself (see "The command line" in docs/performance.md). Every module of
 * the command line takes commander's classes from here; type-only imports of commander are
 * free. eslint forbids value imports of commander elsewhere.
 */
import { createRequire } from 'node:module';
import type * as Commander from 'commander';

const commander = createRequire(import.meta.url)('commander') as typeof Commander;

/** commander's `Command`. */
export const Command: typeof Commander.Command = commander.Command;
/** commander's `Command`. */
export type Command = Commander.Command;
/** commander's `CommanderError`, thrown by `exitOverride()` programs. */
export const CommanderError: typeof Commander.CommanderError = commander.CommanderError;
/** commander's `Option`. */
export const Option: typeof Commander.Option = commander.Option;
