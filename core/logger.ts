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
import type winston from 'winston';
import { currentLoadScope, currentScope } from './extension-scope.js';
import { lineTransportFor, type LineTransport } from './log-line-transport.js';
import { isoTimestamp } from './iso-timestamp.js';
import { jsonLogLine } from './json-log-line.js';
import { KeptRun } from './kept-run.js';
import { requireWinston } from './winston-prebuilt.js';

let winstonModule: typeof winston | undefined;

/** winston, loaded on first use (it is CommonJS, so it loads synchronously; see winston-prebuilt.ts). */
function winstonLib(): typeof winston {
  winstonModule ??= requireWinston();
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
 * winston's `timestamp()` (`new Date().toISOString()` unless the line has one), made cheaply
 * (see iso-timestamp.ts).
 */
function stampTime(info: winston.Logform.TransformableInfo): winston.Logform.TransformableInfo {
  if (!info.timestamp) info.timestamp = isoTimestamp();
  return info;
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
  const text = options.format !== 'json';
  const format = text
    ? winston.format.combine(timestamp(), winston.format.printf(textLine))
    : winston.format.combine(timestamp(), winston.format.json());
  const transport = lineTransportFor(winston, options.stream ?? process.stderr);
  const logger = winston.createLogger({
    level: options.level ?? 'info',
    format,
    transports: [transport],
    silent: options.silent ?? false
  });
  stampScope(logger);
  Object.defineProperty(logger, LINE_WRITER, {
    value: directLineWriter(logger, transport, format, text)
  });
  return logger;
}

/**
 * Writes one line at a level the caller has found enabled (`logger.isLevelEnabled`): its
 * level, message and fields, as `logger.log({ ...fields, level, message })` would. The
 * fields object is the caller's to give away (the writer adds to it), and names neither
 * `level` nor `message`. `json`, when given, returns `JSON.stringify(fields)`'s text for the
 * fields as the caller built them (a serializer made for their shape); the writer calls it
 * for a text line whose fields the scope stamp leaves as they are (`extension` and
 * `requestId` both set), and `JSON.stringify` otherwise.
 */
export type LineWriter = <Fields extends object>(
  level: string,
  message: string,
  fields: Fields,
  json?: (fields: Fields) => string
) => void;

const LINE_WRITER = Symbol('wharf.logger.line-writer');
const LEVEL = Symbol.for('level');
const MESSAGE = Symbol.for('message');

type Info = winston.Logform.TransformableInfo & { [LEVEL]?: string; [MESSAGE]?: string };

/**
 * The fastest way to write whole lines through `logger`, for a caller that writes one per
 * request (the request log). For a root logger of `createLogger` (not one of its children,
 * whose fields the line would lose), the line is stamped with its scope, formatted and
 * handed to the logger's transport directly: the same text as `logger.log(line)` without
 * winston's Transform stream and pipe per line. The line is put together here, without
 * winston's format chain (a copy of the fields per line, which cost more than any other step
 * of a request-log line): in the text format always, in JSON when every value is a plain one
 * (json-log-line.ts); else it goes through the logger's format.
 * Whenever that path could differ (the logger is silent, has other transports, or has lines
 * still queued in its stream, which must come first) and for any other logger, it is
 * `logger.log(line)`.
 */
export function lineWriter(logger: Logger): LineWriter {
  return Object.hasOwn(logger, LINE_WRITER)
    ? (logger as Logger & { [LINE_WRITER]: LineWriter })[LINE_WRITER]
    : (level, message, fields) => void logger.log({ ...fields, level, message });
}

/**
 * The direct writer of a root logger; `ownFormat` is the format `createLogger` gave it, the
 * one `textLine` prints when `text`, else winston's `json()`.
 */
function directLineWriter(
  logger: winston.Logger,
  transport: LineTransport,
  ownFormat: winston.Logform.Format,
  text: boolean
): LineWriter {
  const written = (): void => undefined;
  // `${timestamp} ${level} `: the lines of one millisecond at one level share it.
  const head = new KeptRun((stamp: string, level: string) => `${stamp} ${level} `);
  const streams = logger as unknown as WinstonStreams;
  const readable = streams._readableState;
  const writable = streams._writableState;
  /** Hands the finished `line` to the transport: as text where it takes text, else as winston's info. */
  const deliver = (
    info: Info,
    level: string,
    message: string,
    stamp: string,
    line: string
  ): void => {
    if (transport.writeText(line)) return;
    info.level = level;
    info.message = message;
    info.timestamp = stamp;
    info[LEVEL] = level;
    info[MESSAGE] = line;
    transport.log!(info, written);
  };
  return <Fields extends object>(
    level: string,
    message: string,
    fields: Fields,
    json?: (fields: Fields) => string
  ) => {
    if (
      logger.silent ||
      !pipesOnlyTo(readable.pipes, transport) ||
      writable.length > 0 ||
      readable.length > 0
    ) {
      logger.log({ ...fields, level, message });
      return;
    }
    const info = fields as unknown as Info;
    const stamped = stampFields(info);
    if (logger.format === ownFormat && !text && !('timestamp' in info)) {
      // json()'s text, put together here (see json-log-line.ts) for a record of plain values.
      const stamp = isoTimestamp();
      const line = jsonLogLine(info, level, message, stamp);
      if (line !== null) return deliver(info, level, message, stamp, line);
    }
    if (logger.format === ownFormat && text && !('timestamp' in info) && !('label' in info)) {
      // textLine's output, the fields being exactly textLine's `rest`. The object only
      // becomes winston's line (level, message, timestamp) when the transport needs one.
      const stamp = isoTimestamp();
      const rest = json === undefined || stamped ? JSON.stringify(info) : json(fields);
      const line =
        rest !== '{}' || hasKeys(info)
          ? `${head.of(stamp, level)}${message} ${rest}`
          : `${head.of(stamp, level)}${message}`;
      return deliver(info, level, message, stamp, line);
    }
    info.level = level;
    info.message = message;
    info[LEVEL] = level;
    const formatted = logger.format.transform(info, logger.format.options);
    if (formatted) transport.log!(formatted, written);
  };
}

/**
 * The states of a winston logger's streams (readable-stream's `_readableState` and
 * `_writableState`, one object each for the logger's life): how many lines wait in each and
 * where the logger pipes to. winston's own `transports` getter reads `pipes` too, but builds
 * two arrays per call (`[pipes].filter(Boolean)`).
 */
interface WinstonStreams {
  _readableState: { pipes: unknown; length: number };
  _writableState: { length: number };
}

/**
 * Whether a readable's `pipes` (its one destination, an array of them, or null) is exactly
 * `transport`: `logger.transports` is `[transport]`.
 */
function pipesOnlyTo(pipes: unknown, transport: LineTransport): boolean {
  return (
    pipes === transport || (Array.isArray(pipes) && pipes.length === 1 && pipes[0] === transport)
  );
}

/** True when the object has an own enumerable string key (`Object.keys(o).length > 0`). */
function hasKeys(object: object): boolean {
  for (const key in object) if (Object.hasOwn(object, key)) return true;
  return false;
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
      stampFields(info);
      return write(info, encoding, cb);
    }
  });
}

/**
 * Adds the extension scope's (or else the load scope's) fields the line does not set; true
 * when it added any.
 */
function stampFields(fields: Record<string, unknown>): boolean {
  // A line that sets both fields takes nothing from either scope (the request log's lines
  // always do): the scopes are not looked up (two AsyncLocalStorage reads).
  if (fields.extension !== undefined && fields.requestId !== undefined) return false;
  const scope = currentScope();
  if (scope !== undefined) {
    const stamped = fields.extension === undefined || fields.requestId === undefined;
    if (fields.extension === undefined) fields.extension = scope.extension;
    if (fields.requestId === undefined) fields.requestId = scope.context.requestId;
    return stamped;
  }
  const load = currentLoadScope();
  if (load === undefined || fields.extension !== undefined) return false;
  fields.extension = load.extension;
  if (load.entryPoint !== undefined) fields.entryPoint = load.entryPoint;
  return true;
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
