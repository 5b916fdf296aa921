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

type Value = string | number | null;

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

const PLACEHOLDERS: Readonly<Record<string, (fields: LogFields) => Value>> = {
  client_ip: (f) => f.clientIp,
  date_time: () => dateTime(),
  request_line: (f) => `${f.method} ${f.path} HTTP/${f.httpVersion}`,
  status_code: (f) => f.statusCode,
  body_length: (f) => f.bodyLength,
  wall_seconds: (f) => f.wallSeconds,
  method: (f) => f.method,
  path: (f) => f.path,
  microversion: (f) => f.microversion,
  request_id: (f) => f.requestId,
  extension: (f) => f.extension
};

/** The placeholders a format may use. */
export const LOG_FORMAT_PLACEHOLDERS: readonly string[] = Object.keys(PLACEHOLDERS);

/** wharf's line: nova's, with the microversion, and the time to 4 decimals. */
export const DEFAULT_LOG_FORMAT =
  '%(client_ip)s "%(method)s %(path)s" status: %(status_code)s len: %(body_length)s ' +
  'microversion: %(microversion)s time: %(wall_seconds).4f';

const NUMERIC = new Set(['status_code', 'body_length', 'wall_seconds']);

const DIRECTIVE = /%(?:%|\((\w+)\)(-?)(\d*)(?:\.(\d+))?([sdif]))/y;

function converted(value: Value, conversion: string, precision: number | undefined): string {
  if (value === null) return '-';
  if (conversion === 's')
    return precision === undefined ? String(value) : String(value).slice(0, precision);
  const number = Number(value);
  if (conversion === 'f') return number.toFixed(precision ?? 6);
  return String(Math.trunc(number));
}

function field(
  read: (fields: LogFields) => Value,
  leftAlign: boolean,
  width: number,
  conversion: string,
  precision: number | undefined
): LogFormatter {
  if (width === 0) return (fields) => converted(read(fields), conversion, precision);
  return (fields) => {
    const text = converted(read(fields), conversion, precision);
    return leftAlign ? text.padEnd(width) : text.padStart(width);
  };
}

/**
 * Compiles `format`; `fail(expected)` is called for an unknown placeholder or a `%` that
 * starts no directive, and must throw.
 */
export function compileLogFormat(format: string, fail: (problem: string) => never): LogFormatter {
  const parts: (string | LogFormatter)[] = [];
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
    const [, name, flag, width, precision, conversion] = match;
    if (name === undefined) {
      literal += '%';
      continue;
    }
    const read = Object.hasOwn(PLACEHOLDERS, name) ? PLACEHOLDERS[name] : undefined;
    if (read === undefined)
      fail(`known placeholders only (${LOG_FORMAT_PLACEHOLDERS.join(', ')}), not %(${name})`);
    if (conversion !== 's' && !NUMERIC.has(name))
      fail(`%(${name})s: only numbers (${[...NUMERIC].join(', ')}) take d, i or f`);
    if (literal !== '') parts.push(literal);
    literal = '';
    parts.push(
      field(
        read,
        flag === '-',
        Number(width),
        conversion!,
        precision === undefined ? undefined : Number(precision)
      )
    );
  }
  if (literal !== '') parts.push(literal);
  return (fields) => {
    let line = '';
    for (const part of parts) line += typeof part === 'string' ? part : part(fields);
    return line;
  };
}
