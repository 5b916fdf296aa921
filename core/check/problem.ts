/**
 * What `wharf check` and `checkExtension` report: one list of problems, each of a kind, with
 * a message naming the file, extension or option at fault and the extensions involved.
 */

/** The kinds of problem, from the host's assembly and from a drop-in package's conformance. */
export type ProblemKind =
  | 'manifest'
  | 'extension-failed'
  | 'missing-collection'
  | 'missing-inherits'
  | 'missing-target'
  | 'collision'
  | 'invalid-declaration'
  | 'schema'
  | 'pipeline'
  | 'dropin'
  | 'unknown-alias'
  | 'shadowed'
  | 'import'
  | 'type-check'
  | 'declarations'
  | 'disabled-start';

/** One thing a check found. */
export interface Problem {
  /** What kind of problem it is. */
  kind: ProblemKind;
  /** What is wrong, for people. */
  message: string;
  /** The extensions (aliases or entry-point names) involved; may be empty. */
  extensions: string[];
}

/** The report `check --json` prints. */
export interface CheckReport {
  /** True when no problem was found. */
  ok: boolean;
  /** Every problem found, in the order found. */
  problems: Problem[];
}
