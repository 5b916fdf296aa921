/**
 * Unhandled promise rejections do not stop the host. The host assembly installs, once per
 * process, an `unhandledRejection` listener that logs the rejection at error level with
 * the extension and request it came from, and counts it as a fault of that extension
 * (towards its quarantine). Node runs the listener in the async context of the code that
 * created the promise, so the extension scope names the culprit.
 *
 * Installed by `assembleHost`, never on import: a library importing wharf keeps Node's
 * own behaviour.
 */
import { blameCurrentExtension, currentScope } from './extension-scope.js';
import type { Logger } from './logger.js';

let installed = false;

/** Installs the process's `unhandledRejection` listener; later calls do nothing. */
export function handleUnhandledRejections(logger: Logger): void {
  if (installed) return;
  installed = true;
  process.on('unhandledRejection', (reason: unknown) => logUnhandledRejection(reason, logger));
}

/**
 * Logs an unhandled rejection and blames the extension of the current scope for it; lines
 * outside any extension's request go to `fallback`.
 */
export function logUnhandledRejection(reason: unknown, fallback: Logger): void {
  const blamed = blameCurrentExtension('rejection');
  const logger = currentScope()?.context.logger ?? fallback;
  const detail = {
    ...blamed,
    error: reason instanceof Error ? reason.message : String(reason),
    stack: reason instanceof Error ? reason.stack : undefined
  };
  logger.error(
    blamed
      ? `unhandled promise rejection in extension ${blamed.extension}; still serving`
      : 'unhandled promise rejection outside any extension request; still serving',
    detail
  );
}
