#!/usr/bin/env node
/**
 * The `wharf` command line. `wharf --help`, `wharf help`, `wharf` and `wharf --version` are
 * answered from the command tables without loading commander (program-help.ts); every other
 * command line is run by the commander program of program.ts, which imports only the command
 * it runs (see "The command line" in docs/performance.md). Everything but the compile cache
 * is imported after the cache is enabled, so that it is compiled from the cache.
 */
import { enableCompileCache } from './compile-cache.js';

await enableCompileCache();
const { quickAnswer } = await import('./program-help.js');

/** Runs the command line and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const quick = quickAnswer(argv, (stream) =>
    process[stream].isTTY ? process[stream].columns : undefined
  );
  if (quick === undefined) return (await import('./program.js')).runProgram(argv);
  process[quick.stream].write(quick.text);
  return quick.code;
}

process.exitCode = await main(process.argv.slice(2));
