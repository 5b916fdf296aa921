/**
 * Load failures as records. Every failure to import, find the export, instantiate or pass the
 * check of an extension becomes one of these, is logged once at error level with the entry
 * point named, and is kept on the manager so it can be listed and checked later.
 */
import type { EntryPoint } from './entry-point.js';

/** The step of loading that failed. */
export type LoadPhase = 'import' | 'export' | 'instantiate' | 'check';

/** One failed extension. */
export interface LoadFailure {
  /** The entry point's namespace. */
  namespace: string;
  /** The entry point's name. */
  name: string;
  /** The `module:export` text of the entry point. */
  target: string;
  /** Where the entry point was declared. */
  source: string;
  /** The step that failed. */
  phase: LoadPhase;
  /** What went wrong, with the file and line when the module threw. */
  message: string;
  /** The error itself, with its stack, for logs; never shown to clients. */
  error: Error;
}

/** Builds the record for a failure of `entryPoint` in `phase`. */
export function loadFailure(entryPoint: EntryPoint, phase: LoadPhase, error: Error): LoadFailure {
  return {
    namespace: entryPoint.namespace,
    name: entryPoint.name,
    target: entryPoint.target,
    source: entryPoint.sourceLabel,
    phase,
    message: error.message,
    error
  };
}

/** The one log line of a failure. */
export function describeFailure(failure: LoadFailure): string {
  return (
    `extension ${failure.namespace}:${failure.name} (${failure.target}, from ${failure.source}) ` +
    `failed to ${failure.phase === 'check' ? 'pass its check' : failure.phase}: ${failure.message}`
  );
}
