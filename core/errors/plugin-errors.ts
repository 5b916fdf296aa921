/**
 * Errors of the plugin layer: manifests, entry points, managers, loading extensions.
 */
import { CODES } from './codes.js';
import { WharfError, type WharfErrorOptions } from './wharf-error.js';

/** A manifest (entry-points.json or a package.json "wharf" field) is unreadable or malformed. */
export class ManifestError extends WharfError {
  /** The manifest file at fault. */
  readonly file: string;
  constructor(file: string, message: string, options: WharfErrorOptions = {}) {
    super(CODES.WHARF_MANIFEST_INVALID, `${file}: ${message}`, 500, options);
    this.file = file;
  }
}

/** An entry point's module path leaves the folder of the package that declares it. */
export class EntryPointOutsidePackageError extends WharfError {
  constructor(file: string, key: string, target: string) {
    super(
      CODES.WHARF_ENTRY_POINT_OUTSIDE_PACKAGE,
      `${file}: entry point ${key} = "${target}" resolves outside its package folder`
    );
  }
}

/** A manager found no extension where it needs at least one. */
export class NoMatches extends WharfError {
  constructor(message: string) {
    super(CODES.WHARF_NO_MATCHES, message);
  }
}

/** A driver manager found more than one extension for its name. */
export class MultipleMatches extends WharfError {
  constructor(message: string) {
    super(CODES.WHARF_MULTIPLE_MATCHES, message);
  }
}

/** One entry point name is declared by two sources and the resolver refuses to choose. */
export class EntryPointConflictError extends WharfError {
  constructor(message: string) {
    super(CODES.WHARF_ENTRY_POINT_CONFLICT, message);
  }
}

/** An extension failed to import, export, instantiate or pass its check (strict mode). */
export class ExtensionLoadError extends WharfError {
  constructor(message: string, options: WharfErrorOptions = {}) {
    super(CODES.WHARF_EXTENSION_LOAD_FAILED, message, 500, options);
  }
}

/**
 * A constructor parameter of an extension has no injection token (no `@inject`, no
 * `static inject` list, no `emitDecoratorMetadata` type), so it would be built with
 * `undefined`; names the extension, the parameter and the missing declaration.
 */
export class InjectionTokenMissingError extends WharfError {
  constructor(message: string) {
    super(CODES.WHARF_INJECTION_TOKEN_MISSING, message);
  }
}

/** A named manager was asked for names that no entry point provides. */
export class MissingEntryPointsError extends WharfError {
  constructor(message: string) {
    super(CODES.WHARF_MISSING_ENTRY_POINTS, message);
  }
}
