/**
 * The versions documents every discovering client fetches first: the list (`GET /`), one
 * version (`GET /v2.1/`) and the 300 choices for unversioned paths. Their fields are what
 * the clients need: without `min_version` novaclient crashes, without `id`, `links` or
 * `status` openstacksdk fails.
 */
import type { APIRouter } from 'wharf';

/** When v2.1 last changed, as nova reports it. */
export const V21_UPDATED = '2013-07-23T11:33:21Z';

const MEDIA_TYPES = [
  { base: 'application/json', type: 'application/vnd.openstack.compute+json;version=2.1' }
];

/** The v2.1 entry, with links under `root` (`scheme://host[/prefix]`, no trailing slash). */
export function versionEntry(router: APIRouter, root: string): Record<string, unknown> {
  return {
    id: 'v2.1',
    status: 'CURRENT',
    version: router.versions.max.toString(),
    min_version: router.versions.min.toString(),
    updated: V21_UPDATED,
    links: [{ rel: 'self', href: `${root}/v2.1/` }],
    // Not nova's: the hash of the deployment plan, so clients and load balancers can tell
    // hosts serving different deployments apart. Clients ignore keys they do not know.
    deployment_fingerprint: router.fingerprint
  };
}

/** `GET /v2.1/`: the one version with its media types and documentation link. */
export function versionDocument(router: APIRouter, root: string): Record<string, unknown> {
  const entry = versionEntry(router, root);
  return {
    version: {
      ...entry,
      links: [
        ...(entry.links as object[]),
        { rel: 'describedby', type: 'text/html', href: 'https://docs.openstack.org/' }
      ],
      'media-types': MEDIA_TYPES
    }
  };
}

/**
 * `300 Multiple Choices` for an unversioned path: where it lives in each version. nova's
 * choice entries carry only id, status, links and media-types (no version, min_version or
 * updated).
 */
export function choicesDocument(root: string, path: string): Record<string, unknown> {
  return {
    choices: [
      {
        id: 'v2.1',
        status: 'CURRENT',
        links: [{ rel: 'self', href: `${root}/v2.1${path}` }],
        'media-types': MEDIA_TYPES
      }
    ]
  };
}
