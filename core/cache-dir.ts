/**
 * wharf's per-user cache folder: `$XDG_CACHE_HOME/wharf`, or `~/.cache/wharf` when
 * XDG_CACHE_HOME is not set. The command line keeps Node's compile cache there
 * (cli/compile-cache.ts), beside the entry-point cache's files.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The cache folder, from the environment at the time of the call. */
export function wharfCacheDir(): string {
  return join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'wharf');
}
