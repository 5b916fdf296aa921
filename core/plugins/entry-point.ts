/**
 * An entry point: one `name -> "module:export"` line of one manifest, in one namespace.
 * Listing entry points imports nothing; `load()` imports the module and looks up the export.
 */
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { entryPointScope, runLoadingSync } from '../extension-scope.js';
import { importInScope } from '../import-scope.js';
import { bundledModule } from './bundled-modules.js';
import { importLocation } from './import-location.js';
import { provideWharfTo, sourceNeedsWharf } from './provide-wharf.js';

/** Where an entry point was declared. */
export interface EntryPointSource {
  /** `project`, `installed` (a package under node_modules) or `dropin`. */
  kind: 'project' | 'installed' | 'dropin';
  /** The manifest file (entry-points.json or package.json) that declared it. */
  file: string;
  /** The package name for installed and drop-in packages. */
  packageName?: string;
}

/** Thrown by `EntryPoint.load()`; says which step failed so failures can be recorded. */
export class EntryPointLoadError extends Error {
  /** `import` when the module could not be imported, `export` when the name is missing. */
  readonly phase: 'import' | 'export';
  constructor(phase: 'import' | 'export', message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'EntryPointLoadError';
    this.phase = phase;
  }
}

/** One declared plugin: `(namespace, name, module, export, source)`. */
export class EntryPoint {
  constructor(
    /** The namespace it belongs to, e.g. `wharf.api.v21.extensions`. */
    readonly namespace: string,
    /** Its name within the namespace. */
    readonly name: string,
    /** The absolute path of the module file. */
    readonly modulePath: string,
    /** The export to take, possibly dotted (`Class.factory`). */
    readonly exportName: string,
    /** Where it was declared. */
    readonly source: EntryPointSource,
    /** The `module:export` text as the manifest wrote it. */
    readonly target: string
  ) {}

  /** A short description of the source, for logs and listings. */
  get sourceLabel(): string {
    const pkg = this.source.packageName ? ` ${this.source.packageName}` : '';
    return `${this.source.kind}${pkg} (${this.source.file})`;
  }

  /**
   * Imports the module and returns the export; throws EntryPointLoadError with the phase.
   * A package's module (installed or drop-in) is imported with the host's `wharf` provided.
   * An import failure names where it happened: file:line:column inside the package. What
   * the module logs while it is imported carries the entry point's load scope. A module the
   * load plan's bundle provides (bundled-modules.ts) is taken from it instead of imported
   * (and needs no `wharf` provided).
   */
  async load(): Promise<unknown> {
    const packageDir = dirname(this.source.file);
    const bundled = bundledModule(this.modulePath);
    // The bundle imports `wharf` by the file it resolved to when it was written.
    if (!bundled && sourceNeedsWharf(this.source)) provideWharfTo(packageDir);
    let module: Record<string, unknown>;
    try {
      module = bundled
        ? runLoadingSync(entryPointScope(this), bundled)
        : ((await importInScope(
            pathToFileURL(this.modulePath).href,
            entryPointScope(this)
          )) as Record<string, unknown>);
    } catch (error) {
      throw new EntryPointLoadError(
        'import',
        `cannot import ${this.modulePath}: ${describe(error)} (at ${importLocation(error, packageDir, this.modulePath)})`,
        error
      );
    }
    let value: unknown = module;
    for (const part of this.exportName.split('.')) {
      value =
        value === null || value === undefined
          ? undefined
          : (value as Record<string, unknown>)[part];
      if (value === undefined) {
        throw new EntryPointLoadError(
          'export',
          `${this.modulePath} has no export "${this.exportName}"`
        );
      }
    }
    return value;
  }

  /** A plain-data form, for the on-disk cache and JSON listings. */
  toJSON(): SerializedEntryPoint {
    const { namespace, name, modulePath, exportName, source, target } = this;
    return { namespace, name, modulePath, exportName, source, target };
  }

  /** Rebuilds an entry point from its plain-data form. */
  static fromJSON(data: SerializedEntryPoint): EntryPoint {
    return new EntryPoint(
      data.namespace,
      data.name,
      data.modulePath,
      data.exportName,
      data.source,
      data.target
    );
  }
}

/** The plain-data form of an EntryPoint. */
export interface SerializedEntryPoint {
  /** The namespace it belongs to. */
  namespace: string;
  /** Its name within the namespace. */
  name: string;
  /** The absolute path of the module file. */
  modulePath: string;
  /** The export to take, possibly dotted. */
  exportName: string;
  /** Where it was declared. */
  source: EntryPointSource;
  /** The `module:export` text as the manifest wrote it. */
  target: string;
}

/** The message of any thrown value. */
export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
