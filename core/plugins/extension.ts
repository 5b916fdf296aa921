/**
 * A loaded extension: its name, the entry point it came from, the plugin (the export) and,
 * when the manager invokes on load, the object built from it.
 */
import type { EntryPoint } from './entry-point.js';

/** One loaded plugin. `obj` is undefined unless the manager was told to invoke on load. */
export class Extension<T = unknown> {
  /**
   * @param name the entry point name
   * @param entryPoint where it came from (null for test instances built by hand)
   * @param plugin the export itself (a class, a function or any value)
   * @param obj what invoking the plugin produced
   */
  constructor(
    readonly name: string,
    readonly entryPoint: EntryPoint | null,
    readonly plugin: unknown,
    readonly obj?: T
  ) {}

  /** The `module:export` target, or `-` for hand-built extensions. */
  get target(): string {
    return this.entryPoint?.target ?? '-';
  }
}
