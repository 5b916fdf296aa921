/**
 * Warming the backend before the host listens: each repository's read paths run once, as a
 * listing and a show would, for a scope that owns nothing. Their statements are then
 * prepared (statement-cache.ts) and the query builder's and drivers' code compiled, so the
 * first request to each collection costs what the second does. Only reads run: the
 * warm-up changes nothing, and "not found" is the answer it expects.
 */
import type { ComputeBackend } from './backend.js';
import { ComputeNotFound } from './errors.js';
import type { Scope } from './models.js';

/** A caller that owns nothing. */
const NOBODY: Scope = { projectId: '', userId: '', isAdmin: false, allTenants: false };
/** A page size: listings run with and without one, as requests with and without `limit`. */
const PAGE = 1000;

/** Runs every read path of `backend` once. */
export async function warmUp(backend: ComputeBackend): Promise<void> {
  const { flavors, images, servers, keypairs, quotas, metadata } = backend;
  const reads: (() => Promise<unknown>)[] = [
    () => flavors.list(NOBODY),
    () => flavors.list(NOBODY, { limit: PAGE }),
    () => flavors.get(''),
    () => flavors.getExtraSpecs(''),
    () => images.list(),
    () => images.list({ limit: PAGE }),
    () => images.get(''),
    () => servers.list(NOBODY),
    () => servers.list(NOBODY, { limit: PAGE }),
    () => servers.get('', NOBODY),
    () => metadata.getAll('', NOBODY),
    () => metadata.getItem('', NOBODY, ''),
    () => keypairs.list(''),
    () => keypairs.list('', { limit: PAGE }),
    () => keypairs.get('', ''),
    () => quotas.limits(''),
    () => quotas.usage('', '')
  ];
  for (const read of reads) {
    try {
      await read();
    } catch (error) {
      if (!(error instanceof ComputeNotFound)) throw error;
    }
  }
}
