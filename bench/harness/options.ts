/**
 * The command line of `node dist/bench/run.js` and the two run profiles: the full one,
 * and `--quick` for a short smoke run.
 */
import { parseArgs } from 'node:util';

/** The sections of a run. */
export const SECTIONS = ['load', 'http', 'first', 'cli'] as const;
/** One section: load-extensions, HTTP throughput, first request, command line. */
export type Section = (typeof SECTIONS)[number];

/** How long and how often each section measures. */
export interface Profile {
  /** Fresh-process rounds of load-extensions (each runs N=100 and N=1000). */
  loadRounds: number;
  /**
   * Fresh processes each throughput server runs in, one after the other (each started,
   * checked and warmed up anew), so one process's state does not decide every round.
   */
  httpProcesses: number;
  /** Throughput rounds each process serves; each round runs every server once. */
  httpRoundsPerProcess: number;
  connections: number;
  durationSeconds: number;
  /** Upper bound on the requests of one load run. */
  maxRequests: number;
  /** Unrecorded load on each server before the rounds, at least this long... */
  warmupSeconds: number;
  /**
   * ...and until the server answered this many requests (V8 optimises a function after a
   * count of calls, not a time: a slow path needs more seconds to reach its steady state),
   * within `warmupMaxSeconds` in all.
   */
  warmupRequests: number;
  /** The longest a server's warm-up runs. */
  warmupMaxSeconds: number;
  /** Fresh-process rounds of the first-request scenario. */
  firstRequestRounds: number;
  /** Rounds of the command-line scenario (each runs every command once). */
  cliRounds: number;
}

/** The full profile. */
export const FULL_PROFILE: Profile = {
  loadRounds: 7,
  httpProcesses: 3,
  httpRoundsPerProcess: 2,
  connections: 50,
  durationSeconds: 3,
  maxRequests: 500_000,
  warmupSeconds: 2,
  warmupRequests: 15_000,
  warmupMaxSeconds: 10,
  firstRequestRounds: 7,
  cliRounds: 10
};

/** The `--quick` profile: a smoke run of about a minute. */
export const QUICK_PROFILE: Profile = {
  loadRounds: 3,
  httpProcesses: 2,
  httpRoundsPerProcess: 1,
  connections: 50,
  durationSeconds: 2,
  maxRequests: 200_000,
  warmupSeconds: 1,
  warmupRequests: 5_000,
  warmupMaxSeconds: 4,
  firstRequestRounds: 3,
  cliRounds: 5
};

/** Parsed options. */
export interface BenchOptions {
  quick: boolean;
  profile: Profile;
  /** The Node binary of every child process (servers and load runners). */
  node: string;
  sections: Section[];
  /** Server names to run; empty for all. */
  servers: string[];
  /** Where the JSON results go (`--results`); default bench/results/latest.json. */
  resultsFile: string | undefined;
}

/** Usage text for `--help`. */
export const USAGE = `usage: node dist/bench/run.js [--quick] [--node PATH] [--only ${SECTIONS.join(',')}] [--servers NAME,...] [--results FILE]`;

/** Parses the command line; throws on unknown options or sections. */
export function parseOptions(argv: readonly string[]): BenchOptions & { help: boolean } {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean', default: false },
      node: { type: 'string', default: process.execPath },
      only: { type: 'string' },
      servers: { type: 'string' },
      results: { type: 'string' },
      help: { type: 'boolean', default: false }
    },
    strict: true
  });
  const sections = list(values.only) as Section[];
  for (const section of sections) {
    if (!SECTIONS.includes(section)) throw new Error(`unknown section "${section}"; ${USAGE}`);
  }
  return {
    help: values.help ?? false,
    quick: values.quick ?? false,
    profile: values.quick ? QUICK_PROFILE : FULL_PROFILE,
    node: values.node ?? process.execPath,
    sections: sections.length > 0 ? sections : [...SECTIONS],
    servers: list(values.servers),
    resultsFile: values.results
  };
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}
