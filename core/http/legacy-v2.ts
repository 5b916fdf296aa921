/**
 * The legacy-v2 mark on a request: set by the `legacy_v2_compatible` filter (nova's
 * LegacyV2CompatibleWrapper, serving `/v2`), read by the resource when it validates the
 * body, which then tolerates (and strips) keys the schema does not name.
 */
import type { IncomingMessage } from 'node:http';

const LEGACY_V2 = Symbol.for('wharf.legacy-v2');

type Marked = IncomingMessage & { [LEGACY_V2]?: true };

/** Marks `req` as served by the v2-compatible API. */
export function markLegacyV2(req: IncomingMessage): void {
  (req as Marked)[LEGACY_V2] = true;
}

/** Whether `req` is served by the v2-compatible API. */
export function isLegacyV2(req: IncomingMessage): boolean {
  return (req as Marked)[LEGACY_V2] === true;
}
