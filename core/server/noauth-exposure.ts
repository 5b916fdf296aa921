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

/**
 * Logs a warning when `apiName` listens beyond loopback and its pipeline holds `trusting`,
 * the filters that believe the identity a caller claims (those the pipeline builder
 * reported, whatever the name of the `auth_strategy` line that selected them).
 */
export function warnIfNoauthExposed(
  config: WharfConfig,
  apiName: string,
  trusting: readonly string[],
  logger: Logger
): void {
  if (trusting.length === 0) return;
  const { host } = listenAddressFor(config, apiName);
  if (isLoopbackHost(host)) return;
  const authStrategy = config.api.auth_strategy;
  logger.warn(
    `${apiName} listens on ${host === '' ? 'every address' : host} with ${trusting.join(', ')} ` +
      `([api] auth_strategy = ${authStrategy}), which believes whatever identity a caller claims: ` +
      `anyone who can reach it can act as any user, admin included. ` +
      `Listen on 127.0.0.1 ([wsgi] host) or use auth_strategy = token or keystone.`,
    { api: apiName, host, authStrategy, filters: [...trusting] }
  );
}
