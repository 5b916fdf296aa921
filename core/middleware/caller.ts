/**
 * The authenticated caller, as the auth filters (`noauth2`, `authtoken`) find it in the
 * `X-Auth-Token` header and record it in the request context.
 */
import type { IncomingMessage } from 'node:http';
import { getContext } from '../context.js';

/** Who is calling, as an auth filter established it. */
export interface Caller {
  user: string;
  project: string;
  roles: string[];
  /** The domains of the user and the project, when the identity service names them (Keystone). */
  userDomain?: string;
  projectDomain?: string;
}

/** The `X-Auth-Token` header, or null when it is missing or empty. */
export function authToken(req: IncomingMessage): string | null {
  const token = req.headers['x-auth-token'];
  return typeof token === 'string' && token !== '' ? token : null;
}

/** Fills the request context's caller fields; `admin` among the roles makes an admin. */
export function setCaller(req: IncomingMessage, caller: Caller): void {
  const context = getContext(req);
  context.userId = caller.user;
  context.projectId = caller.project;
  context.roles = caller.roles;
  context.isAdmin = caller.roles.includes('admin');
  context.userDomainId = caller.userDomain ?? null;
  context.projectDomainId = caller.projectDomain ?? null;
}
