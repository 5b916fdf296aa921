/**
 * winston is wharf's one logger. The host builds one root logger from options; every
 * extension gets a child labelled `namespace:name`, so each line says whose it is. A line
 * written while an extension's request code runs also carries that extension's alias
 * (`extension`) and the request id (`requestId`), from the extension scope; a line written
 * while an extension loads (its module, constructor, registration hooks, `prepare()`)
 * carries its name (`extension`) and entry point (`entryPoint`), from the load scope.
 *
 * winston (and its dozens of modules) is loaded when the first logger is built, not when
 * this module is imported: a command that logs nothing (`wharf --help`) never loads it.
 */
import { createRequire } from 'node:module';
import type winston from 'winston';
import { currentLoadScope, currentScope } from './extension-scope.js';
import { lineTransportFor } from './log-line-transport.js';

const require = createRequire(import.meta.url);
let winstonModule: typeof winston | undefined;

/** winston, loaded on first use (it is CommonJS, so `require` loads it synchronously). */
function winstonLib(): typeof winston {
  winstonModule ??= require('winston') as typeof winston;
  return winstonModule;
}

/** The logger type used across wharf. */
export type Logger = winston.Logger;

/** How the root logger writes. */
export interface LoggerOptions {
  /** Lowest level written: error, warn, info, http, verbose, debug. Default `info`. */
  level?: string;
  /** `text` (default) for people, `json` for log shippers. */
  format?: 'text' | 'json';
  /** Where lines go; default standard error, so command output on stdout stays clean. */
  stream?: NodeJS.WritableStream;
  /** Write nothing at all. */
  silent?: boolean;
}

/**
 * winston's `timestamp()` (`new Date().toISOString()` unless the line has one), with the
 * text kept for the millisecond it names: under load many lines share a millisecond, and
 * formatting the date was a tenth of the cost of a request-log line.
 */
function stampTime(info: winston.Logform.TransformableInfo): winston.Logform.TransformableInfo {
  if (!info.timestamp) info.timestamp = isoNow();
  return info;
}

let isoMillisecond = Number.NaN;
let isoText = '';

function isoNow(): string {
  const now = Date.now();
  if (now !== isoMillisecond) {
    isoMillisecond = now;
    isoText = new Date(now).toISOString();
  }
  return isoText;
}

function textLine({
  timestamp,
  level,
  message,
  label,
  ...rest
}: winston.Logform.TransformableInfo): string {
  const extras = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
  const owner = label ? ` [${String(label)}]` : '';
  return `${String(timestamp)} ${level}${owner} ${String(message)}${extras}`;
}

/** Builds a root logger from options. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const winston = winstonLib();
  const timestamp = winston.format(stampTime);
  const format =
    options.format === 'json'
      ? winston.format.combine(timestamp(), winston.format.json())
      : winston.format.combine(timestamp(), winston.format.printf(textLine));
  const transport = lineTransportFor(winston, options.stream ?? process.stderr);
  const logger = winston.createLogger({
    level: options.level ?? 'info',
    format,
    transports: [transport],
    silent: options.silent ?? false
  });
  stampScope(logger);
  return logger;
}

/**
 * A root logger that is built (and winston loaded) on first use: `createLogger(options)` runs
 * when a property of the returned logger is first read. For commands that usually write no
 * line (`wharf extensions list`), where loading winston was a third of the process. A
 * server builds its logger eagerly instead: nothing may be left for the first request.
 */
export function deferredLogger(options: LoggerOptions = {}): Logger {
  let built: Logger | undefined;
  const real = (): Logger => (built ??= createLogger(options));
  return new Proxy({} as Logger, {
    get(_target, key) {
      const logger = real();
      const value: unknown = Reflect.get(logger, key, logger);
      return typeof value === 'function' ? value.bind(logger) : value;
    },
    set: (_target, key, value) => Reflect.set(real(), key, value),
    has: (_target, key) => Reflect.has(real(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(real())
  });
}

/**
 * Stamps every line with the extension scope (or else the load scope) it is written in. This happens in `write`,
 * which child loggers call too, rather than in a format: formats run when the transform
 * stream gets to the line, which is later, outside the scope, when a transport is backed up.
 * Fields the caller set win.
 */
function stampScope(logger: winston.Logger): void {
  const write = logger.write.bind(logger) as (
    info: unknown,
    encoding?: unknown,
    cb?: unknown
  ) => boolean;
  Object.defineProperty(logger, 'write', {
    value: function scopedWrite(info: Record<string, unknown>, encoding?: unknown, cb?: unknown) {
      const scope = currentScope();
      if (scope !== undefined) {
        if (info.extension === undefined) info.extension = scope.extension;
        if (info.requestId === undefined) info.requestId = scope.context.requestId;
      } else {
        const load = currentLoadScope();
        if (load !== undefined && info.extension === undefined) {
          info.extension = load.extension;
          if (load.entryPoint !== undefined) info.entryPoint = load.entryPoint;
        }
      }
      return write(info, encoding, cb);
    }
  });
}

/** The child logger of one extension, labelled `namespace:name`. */
export function extensionLogger(root: Logger, namespace: string, name: string): Logger {
  return root.child({ label: `${namespace}:${name}` });
}

let processLogger: Logger | undefined;

/**
 * The process-wide default root logger, used when a caller passes none. Its level comes
 * from `WHARF_LOG_LEVEL` (default `info`).
 */
export function defaultLogger(): Logger {
  processLogger ??= createLogger({ level: process.env.WHARF_LOG_LEVEL ?? 'info' });
  return processLogger;
}
