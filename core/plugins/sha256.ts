/**
 * The SHA-256 a load plan binds its files and itself with (load-plan.ts,
 * load-plan-bundle.ts). Proving a plan hashes every stamped file, about 2000 small ones with
 * 1000 extensions, so the hash is Node's one-shot `crypto.hash` (Node 20.12 and later): no
 * Hash object per file (docs/performance.md, "Importing and compiling, session 15").
 */
import * as crypto from 'node:crypto';

/** `crypto.hash`, absent before Node 20.12 (whose Hash object gives the same digest). */
const oneShot = crypto.hash as typeof crypto.hash | undefined;

/** The hex SHA-256 of `data` (a string is hashed as UTF-8). */
export function sha256(data: string | Uint8Array): string {
  return oneShot !== undefined
    ? oneShot('sha256', data, 'hex')
    : crypto.createHash('sha256').update(data).digest('hex');
}
