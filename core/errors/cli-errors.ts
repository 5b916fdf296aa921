/**
 * Errors of the `wharf` commands: files they write or read, `wharf new extension` input.
 */
import { CODES } from './codes.js';
import { WharfError, type WharfErrorOptions } from './wharf-error.js';

/** A file a command writes (`--out`, `--plan`) cannot be written; names the file. */
export class OutputFileError extends WharfError {
  constructor(file: string, reason: string, options: WharfErrorOptions = {}) {
    super(CODES.WHARF_OUTPUT_FILE, `${file}: cannot write: ${reason}`, 500, options);
  }
}

/** `wharf new extension NAME`: the name cannot be a package, alias and collection name. */
export class ExtensionNameError extends WharfError {
  constructor(name: string, rule: string) {
    super(
      CODES.WHARF_EXTENSION_NAME_INVALID,
      `"${name}" is not a valid extension name: ${rule}`,
      500
    );
  }
}

/** `wharf new extension`: the target folder is a file or is not empty; names it. */
export class TargetNotEmptyError extends WharfError {
  constructor(dir: string, reason: string) {
    super(CODES.WHARF_TARGET_NOT_EMPTY, `${dir}: ${reason}; choose another --dir`, 500);
  }
}

/** A deployment plan file (`wharf check --diff`) is unreadable or malformed; names the file. */
export class PlanFileError extends WharfError {
  constructor(file: string, reason: string, options: WharfErrorOptions = {}) {
    super(CODES.WHARF_PLAN_INVALID, `${file}: ${reason}`, 500, options);
  }
}
