/**
 * The request log line's format, as nova's `[wsgi] wsgi_log_format` writes it: Python
 * %-formatting with the placeholders eventlet documents, plus wharf's own.
 *
 * - eventlet's: `client_ip`, `date_time` (`04/Dec/2026 17:05:09`, local time),
 *   `request_line` (`GET /v2.1/servers HTTP/1.1`), `status_code`, `body_length`,
 *   `wall_seconds`;
 * - wharf's: `method`, `path`, `microversion`, `request_id`, `extension`.
 * Each is written `%(name)` then an optional `-` flag, width and `.precision`, then one of
 * `s`, `d`, `i`, `f` (the last three for the numbers: `status_code`, `body_length`,
 * `wall_seconds`); `%%` is a literal `%`. A value that is not known for the request
 * (no `Content-Length`, no microversion) prints `-`.
 *
 * The format is compiled once, at start-up, into a list of literal texts and field writers;
 * an unknown placeholder or a stray `%` is a ConfigError then, never a surprise per request.
 */
import { flatText } from '../flat-text.js';
import { fixedDecimals } from './fixed-decimals.js';

/** The facts of one finished request a log line may print. */
export interface LogFields {
  clientIp: string | null;
  method: string;
  path: string;
  httpVersion: string;
  statusCode: number;
  bodyLength: number | null;
  wallSeconds: number;
  microversion: string | null;
  requestId: string | null;
  extension: string | null;
}

/** A compiled format: one call per request, no parsing. */
export type LogFormatter = (fields: LogFields) => string;

// Reads one fact of the request; null when the request does not have it.
type Read<T> = (fields: LogFields) => T | null;

const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

// eventlet's log_date_time_string: day/month/year hour:minute:second, local time.
function dateTime(): string {
  const now = new Date();
  return (
    `${two(now.getDate())}/${MONTHS[now.getMonth()]}/${now.getFullYear()} ` +
    `${two(now.getHours())}:${two(now.getMinutes())}:${two(now.getSeconds())}`
  );
}

const TEXTS: Readonly<Record<string, Read<string>>> = {
  client_ip: (f) => f.clientIp,
  date_time: () => dateTime(),
  request_line: (f) => `${f.method} ${f.path} HTTP/${f.httpVersion}`,
  method: (f) => f.method,
  path: (f) => f.path,
  microversion: (f) => f.microversion,
  request_id: (f) => f.requestId,
  extension: (f) => f.extension
};

const NUMBERS: Readonly<Record<string, Read<number>>> = {
  status_code: (f) => f.statusCode,
  body_length: (f) => f.bodyLength,
  wall_seconds: (f) => f.wallSeconds
};

/** The placeholders a format may use. */
export const LOG_FORMAT_PLACEHOLDERS: readonly string[] = [
  ...Object.keys(TEXTS),
  ...Object.keys(NUMBERS)
];

/** wharf's line: nova's, with the microversion, and the time to 4 decimals. */
export const DEFAULT_LOG_FORMAT =
  '%(client_ip)s "%(method)s %(path)s" status: %(status_code)s len: %(body_length)s ' +
  'microversion: %(microversion)s time: %(wall_seconds).4f';

const DIRECTIVE = /%(?:%|\((\w+)\)(-?)(\d*)(?:\.(\d+))?([sdif]))/y;

// Each directive gets a writer made for its own conversion and precision at compile time,
// so a request's line runs no tests of the format and no conversion of unknown types.
function textWriter(read: Read<string>, precision: number | undefined): LogFormatter {
  if (precision === undefined) return (fields) => read(fields) ?? '-';
  return (fields) => {
    const text = read(fields);
    return text === null ? '-' : text.slice(0, precision);
  };
}

function numberWriter(
  read: Read<number>,
  conversion: string,
  precision: number | undefined
): LogFormatter {
  if (conversion === 'f') {
    const digits = precision ?? 6;
    return (fields) => {
      const number = read(fields);
      return number === null ? '-' : fixedDecimals(number, digits);
    };
  }
  if (conversion !== 's') {
    return (fields) => {
      const number = read(fields);
      return number === null ? '-' : String(Math.trunc(number));
    };
  }
  if (precision === undefined) {
    return (fields) => {
      const number = read(fields);
      return number === null ? '-' : String(number);
    };
  }
  return (fields) => {
    const number = read(fields);
    return number === null ? '-' : String(number).slice(0, precision);
  };
}

function padded(write: LogFormatter, leftAlign: boolean, width: number): LogFormatter {
  if (width === 0) return write;
  if (leftAlign) return (fields) => write(fields).padEnd(width);
  return (fields) => write(fields).padStart(width);
}

/**
 * Compiles `format`; `fail(expected)` is called for an unknown placeholder or a `%` that
 * starts no directive, and must throw.
 */
export function compileLogFormat(format: string, fail: (problem: string) => never): LogFormatter {
  // The line is texts[0] + writers[0](fields) + texts[1] + ... + texts[writers.length].
  const texts: string[] = [];
  const writers: LogFormatter[] = [];
  let literal = '';
  let at = 0;
  while (at < format.length) {
    const percent = format.indexOf('%', at);
    if (percent === -1) {
      literal += format.slice(at);
      break;
    }
    literal += format.slice(at, percent);
    DIRECTIVE.lastIndex = percent;
    const match = DIRECTIVE.exec(format);
    if (match === null)
      fail(`a %(name)s directive at character ${percent + 1} (a literal % is written %%)`);
    at = DIRECTIVE.lastIndex;
    const [, name, flag, width, digits, conversion] = match;
    if (name === undefined) {
      literal += '%';
      continue;
    }
    const precision = digits === undefined ? undefined : Number(digits);
    let write: LogFormatter;
    if (Object.hasOwn(NUMBERS, name)) write = numberWriter(NUMBERS[name], conversion!, precision);
    else if (!Object.hasOwn(TEXTS, name))
      fail(`known placeholders only (${LOG_FORMAT_PLACEHOLDERS.join(', ')}), not %(${name})`);
    else if (conversion !== 's')
      fail(`%(${name})s: only numbers (${Object.keys(NUMBERS).join(', ')}) take d, i or f`);
    else write = textWriter(TEXTS[name], precision);
    texts.push(literal);
    writers.push(padded(write!, flag === '-', Number(width)));
    literal = '';
  }
  texts.push(literal);
  return keptPrefixFormatter(texts, writers);
}

/**
 * The formatter writing `texts[0] + writers[0](fields) + texts[1] + ...`, keeping the
 * line's text before each writer as the last line had it. A line whose first values repeat
 * that line's (the client, the method, on a busy resource the path, status and length)
 * starts from the kept text and is built on only from its first new value (with the default
 * format, often just the time): fewer concatenations, and a line of fewer pieces for the
 * log's sink to flatten. A kept text before a writer is made one piece (flat-text.ts) when a
 * second line starts from it: then the sink walks one piece for it, not the 2-3 of each value
 * before it. (A whole line repeated is returned as it is: a copy of it would cost about what
 * it spares.)
 */
function keptPrefixFormatter(
  texts: readonly string[],
  writers: readonly LogFormatter[]
): LogFormatter {
  const count = writers.length;
  /** The last line's value of each writer (none yet: undefined). */
  const values: (string | undefined)[] = writers.map(() => undefined);
  /** `prefixes[i]`: the last line's text before writer `i`; `prefixes[count]`, the line. */
  const prefixes: string[] = texts.map((_, i) => (i === 0 ? texts[0]! : ''));
  /** Whether `prefixes[i]` (i < count) has been made one piece (the literal `texts[0]` is). */
  const flat: boolean[] = texts.map((_, i) => i === 0);
  return (fields) => {
    let i = 0;
    let value = '';
    for (; i < count; i++) {
      value = writers[i]!(fields);
      if (value !== values[i]) break;
    }
    if (i < count && !flat[i]) {
      prefixes[i] = flatText(prefixes[i]!);
      flat[i] = true;
    }
    let line = prefixes[i]!;
    while (i < count) {
      values[i] = value;
      line += value + texts[i + 1]!;
      prefixes[++i] = line;
      flat[i] = false;
      if (i < count) value = writers[i]!(fields);
    }
    return line;
  };
}
