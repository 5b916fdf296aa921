/**
 * The warning an operator gets when `noauth2` listens beyond this machine. `noauth2` believes
 * whatever identity a caller claims (`X-Auth-Token: admin` is an administrator), so an API
 * served with it on a network address makes anyone who can reach that address an admin.
 * Without an explicit address such an API binds 127.0.0.1 (see config.ts); with one, it is
 * allowed, and every process that serves it says so loudly.
 */
import { isIP } from 'node:net';
import type { Logger } from '../logger.js';
import { listenAddressFor, type WharfConfig } from './config.js';

const LOOPBACK_V4 = /^(?:::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/i;

/** Whether a listen address reaches this machine only (`localhost`, 127.0.0.0/8, `::1`). */
export function isLoopbackHost(host: string): boolean {
  const address = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (address === 'localhost' || address === '::1') return true;
  return isIP(address) !== 0 && LOOPBACK_V4.test(address);
}

/** Logs a warning when `apiName` is served with `noauth2` on an address beyond loopback. */
export function warnIfNoauthExposed(config: WharfConfig, apiName: string, logger: Logger): void {
  if (config.api.auth_strategy !== 'noauth2') return;
  const { host } = listenAddressFor(config, apiName);
  if (isLoopbackHost(host)) return;
  logger.warn(
    `${apiName} listens on ${host === '' ? 'every address' : host} with [api] auth_strategy = noauth2: ` +
      `anyone who can reach it can act as any user, admin included. ` +
      `Listen on 127.0.0.1 ([wsgi] host) or use auth_strategy = token.`,
    { api: apiName, host, authStrategy: 'noauth2' }
  );
}
