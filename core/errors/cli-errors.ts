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

/**
 * A load plan file (`wharf serve --load-plan`) is unreadable, not JSON, or not a plan
 * `wharf check --write-load-plan` wrote; names the file and the problem.
 */
export class LoadPlanFileError extends WharfError {
  constructor(file: string, reason: string, options: WharfErrorOptions = {}) {
    super(CODES.WHARF_LOAD_PLAN_INVALID, `load plan ${file}: ${reason}`, 500, options);
  }
}

/**
 * A load plan no longer describes what is installed: a manifest, a package version, an
 * extension module or a scanned folder changed since it was written; names what changed.
 */
export class LoadPlanStaleError extends WharfError {
  constructor(file: string, change: string, options: WharfErrorOptions = {}) {
    super(
      CODES.WHARF_LOAD_PLAN_STALE,
      `load plan ${file} is stale: ${change}; run wharf check --write-load-plan again`,
      500,
      options
    );
  }
}

/**
 * `wharf check --write-load-plan` cannot bundle the extension modules (esbuild's first
 * error, e.g. a module with top-level await) or cannot write the bundle; names the bundle.
 */
export class LoadPlanBundleError extends WharfError {
  constructor(file: string, reason: string, options: WharfErrorOptions = {}) {
    super(CODES.WHARF_LOAD_PLAN_BUNDLE, `load plan bundle ${file}: ${reason}`, 500, options);
  }
}
