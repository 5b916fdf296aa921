/**
 * A loaded extension: its name, the entry point it came from, the plugin (the export) and,
 * when the manager invokes on load, the object built from it.
 */
import type { EntryPoint } from './entry-point.js';

/** One loaded plugin. `obj` is undefined unless the manager was told to invoke on load. */
export class Extension<T = unknown> {
  constructor(
    /** The entry point name. */
    readonly name: string,
    /** Where it came from (null for test instances built by hand). */
    readonly entryPoint: EntryPoint | null,
    /** The export itself (a class, a function or any value). */
    readonly plugin: unknown,
    /** What invoking the plugin produced. */
    readonly obj?: T
  ) {}

  /** The `module:export` target, or `-` for hand-built extensions. */
  get target(): string {
    return this.entryPoint?.target ?? '-';
  }
}
