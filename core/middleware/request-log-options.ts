/**
 * The options of the `request_log` filter (request-log.ts): `level`, set only in its paste
 * section, and `[wsgi] wsgi_log_format`, which wharf's own group (core-options.ts) lists
 * among the other `[wsgi]` options.
 */
import { LOG_LEVELS } from '../log-levels.js';
import type { FilterOptionSpec } from './filter-options.js';
import { DEFAULT_LOG_FORMAT } from './log-format.js';
import type { OptionSpec } from '../option-spec.js';

/** `[wsgi] wsgi_log_format`: the text of the request log line. */
export const WSGI_LOG_FORMAT_OPTIONS = [
  {
    section: 'wsgi',
    name: 'wsgi_log_format',
    type: 'string',
    default: DEFAULT_LOG_FORMAT,
    help: "The request log line (the `request_log` filter), as nova's option: Python %-format with eventlet's placeholders `client_ip`, `date_time`, `request_line`, `status_code`, `body_length`, `wall_seconds` and wharf's `method`, `path`, `microversion`, `request_id`, `extension` (docs/pipeline.md). An unknown placeholder stops start-up."
  }
] as const satisfies readonly OptionSpec[];

/** Every option the `request_log` filter reads. */
export const REQUEST_LOG_OPTIONS = [
  {
    name: 'level',
    type: 'enum',
    choices: LOG_LEVELS,
    default: 'info',
    help: 'The winston level of the request log line (paste section only).'
  },
  ...WSGI_LOG_FORMAT_OPTIONS
] as const satisfies readonly FilterOptionSpec[];
