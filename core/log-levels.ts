/**
 * The log levels wharf's logger knows, most severe first: winston's `npm` levels, written
 * out so that declaring an option over them does not load winston (a command that never
 * logs a request, such as `wharf extensions list`, must not pay for it). A unit test keeps
 * the list equal to winston's.
 */

/** winston's `npm` level names, most severe first. */
export const LOG_LEVELS = ['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'] as const;

/** One of LOG_LEVELS. */
export type LogLevel = (typeof LOG_LEVELS)[number];
