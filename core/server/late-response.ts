/**
 * A response the server already answered on the handler's behalf (a fault at the drain
 * deadline) while the handler still runs. When the handler finally writes its own result,
 * Node would throw `ERR_HTTP_HEADERS_SENT` from `writeHead`/`setHeader` or emit an
 * unhandled `'error'` from `end`, in the middle of the handler's code: an uncaught exception
 * the handler did nothing to deserve. Instead the late result is discarded and logged once.
 */
import type { ServerResponse } from 'node:http';
import type { Logger } from '../logger.js';

const WRITING_METHODS = [
  'writeHead',
  'setHeader',
  'setHeaders',
  'appendHeader',
  'removeHeader',
  'flushHeaders',
  'write',
  'end'
] as const;

/**
 * Makes every later write to `res` a no-op (`write` returns true, the others `res`, as
 * Node's do, so chained calls keep working) and logs the first one at warn level.
 */
export function discardLateWrites(res: ServerResponse, logger: Logger): void {
  let logged = false;
  const note = (): void => {
    if (logged) return;
    logged = true;
    logger.warn('late response discarded: the request was already answered', {
      method: res.req.method,
      url: res.req.url
    });
  };
  for (const name of WRITING_METHODS) {
    const value =
      name === 'write' ? (): boolean => (note(), true) : (): ServerResponse => (note(), res);
    Object.defineProperty(res, name, { value, configurable: true, writable: true });
  }
  // An 'error' from a write queued before the fault is the handler's; it must not crash.
  res.on('error', () => {});
}
