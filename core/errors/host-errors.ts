/**
 * Errors that stop a host: configuration, the paste pipeline, an extension that cannot start, a
 * server that cannot listen, a filter that breaks the compose contract.
 */
import { CODES } from './codes.js';
import { WharfError, type WharfErrorOptions } from './wharf-error.js';

/** The configuration (wharf.conf, environment, flags) names an unknown option or a bad value. */
export class ConfigError extends WharfError {
  constructor(message: string, options: WharfErrorOptions = {}) {
    super(CODES.WHARF_CONFIG_INVALID, message, 500, options);
  }
}

/** The paste pipeline file is invalid: names the file, section and line. */
export class PasteConfigError extends WharfError {
  constructor(message: string, options: WharfErrorOptions = {}) {
    super(CODES.WHARF_PASTE_CONFIG_INVALID, message, 500, options);
  }
}

/**
 * Code asked for an option its declaration does not list (a filter reading an option it did
 * not declare, a pick of a name its group lacks): a bug in that code, not in the
 * configuration, so it is never answered with a silent default.
 */
export class UndeclaredOptionError extends WharfError {
  /**
   * @param owner who asked, for the message (`filter ratelimit`, `option group wharf`)
   * @param declared the names it does declare
   */
  constructor(owner: string, option: string, declared: readonly string[]) {
    super(
      CODES.WHARF_OPTION_UNDECLARED,
      `${owner}: option ${option} is not declared (declared: ${declared.join(', ') || 'none'})`,
      500
    );
  }
}

/** An extension's `prepare()` failed, so the host cannot start (storage that cannot open...). */
export class ExtensionPrepareError extends WharfError {
  constructor(extension: string, options: WharfErrorOptions = {}) {
    const reason = options.cause instanceof Error ? options.cause.message : String(options.cause);
    super(
      CODES.WHARF_EXTENSION_PREPARE_FAILED,
      `extension ${extension} cannot start: ${reason}`,
      500,
      options
    );
  }
}

/** A server cannot listen on its address (in use, not permitted, unknown host). */
export class ListenError extends WharfError {
  constructor(address: string, reason: string, options: WharfErrorOptions = {}) {
    super(CODES.WHARF_LISTEN_FAILED, `cannot listen on ${address}: ${reason}`, 500, options);
  }
}

/** A filter called `next()` a second time for one request (a bug in that filter). */
export class NextCalledTwiceError extends WharfError {
  constructor(layer: string) {
    super(CODES.WHARF_NEXT_CALLED_TWICE, `${layer} called next() more than once for one request`);
  }
}
