/**
 * Where a command's document goes: standard output, or a file (`--out`, `--plan`) written
 * whole; a file that cannot be written is an OutputFileError naming it (exit 2).
 */
import { writeFileSync } from 'node:fs';
import { OutputFileError } from '../errors.js';

/** Writes `text` to `file`, or to standard output when no file is given. */
export function writeOutput(text: string, file: string | undefined): void {
  if (file === undefined) {
    process.stdout.write(text);
    return;
  }
  try {
    writeFileSync(file, text);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new OutputFileError(file, reason, { cause: error });
  }
}
