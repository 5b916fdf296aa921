/**
 * The timestamp of log lines: `new Date(ms).toISOString()`, made cheaply for the many lines
 * of a busy server. The text is kept for the millisecond it names (many lines share one),
 * and the date and time up to the second are formatted once per second: a new millisecond
 * only appends its three digits. Formatting a whole date was a tenth of a request-log line.
 */

let millisecond = Number.NaN;
let text = '';
let second = Number.NaN;
/** `YYYY-MM-DDTHH:MM:SS.` of `second`. */
let secondPrefix = '';

/** The ISO 8601 text of the time `now` (milliseconds since the epoch, default the clock's). */
export function isoTimestamp(now: number = Date.now()): string {
  if (now === millisecond) return text;
  millisecond = now;
  const within = now % 1000;
  if (within < 0) {
    // Before 1970 the remainder is negative; those are formatted whole (never a log line's).
    text = new Date(now).toISOString();
    return text;
  }
  const start = now - within;
  if (start !== second) {
    second = start;
    const whole = new Date(start).toISOString();
    secondPrefix = whole.slice(0, whole.length - 4);
  }
  text = `${secondPrefix}${within < 10 ? '00' : within < 100 ? '0' : ''}${within}Z`;
  return text;
}
