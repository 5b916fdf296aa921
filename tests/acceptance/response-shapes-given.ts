/**
 * The pieces of nova's response shapes (api-ref and doc/api_samples) the response-shape
 * suites share, and the microversions the default host serves.
 */
import { loadHostConfig } from '../../core/server/host-config.js';
import { mapOf, oneOf, type Shape } from '../helpers/shape.js';

/** Every microversion of the default `[api] min_version`..`max_version` (2.1 to 2.2 today). */
export const SERVED_VERSIONS: readonly string[] = await servedVersions();

async function servedVersions(): Promise<string[]> {
  const { api } = await loadHostConfig({ env: {} });
  const [major, low] = api.min_version.split('.').map(Number) as [number, number];
  const high = Number(api.max_version.split('.')[1]);
  return Array.from({ length: high - low + 1 }, (_, index) => `${major}.${low + index}`);
}

/** Headers asking for `version`. */
export function atVersion(version: string): { headers: Record<string, string> } {
  return { headers: { 'openstack-api-version': `compute ${version}` } };
}

/** One entry of `links`. */
export const LINK = { rel: 'string', href: 'string' } as const satisfies Shape;

/** self and bookmark links of a resource. */
export const LINKS = [LINK] as const satisfies Shape;

/** A `{id, links}` reference to a flavor or image inside a server. */
export const BOOKMARKED = { id: 'string', links: LINKS } as const satisfies Shape;

/** A string or null (nova's nullable columns). */
export const NULLABLE_STRING = oneOf('string', 'null');

/** A key/value metadata object. */
export const METADATA = mapOf('string');

/** The links of an image: self, bookmark and the typed alternate link. */
export const IMAGE_LINKS = [
  oneOf(LINK, { rel: 'string', type: 'string', href: 'string' })
] as const satisfies Shape;
