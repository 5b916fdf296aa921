/**
 * `urlmap` (namespace `wharf.composites`; paste's `egg:Paste#urlmap` and nova's
 * `nova.api.openstack.urlmap:urlmap_factory`): one `/PATH = NAME` line per mount, the
 * longest matching prefix wins (see urlmap.ts, `/+` wildcards included). `not_found_app =
 * NAME` serves what no prefix matches; without it the server answers 404.
 */
import type { RequestHandler } from 'express';
import type { CompositeFactory, CompositeReference, LocalEntry } from './types.js';
import { normalizePrefix, urlmap, type UrlMapEntry } from './urlmap.js';

const NOT_FOUND_APP = 'not_found_app';

/** Reads and checks the lines of a urlmap composite. */
function mountsOf(
  entries: readonly LocalEntry[],
  fail: (line: number, problem: string) => Error
): CompositeReference[] {
  const seen = new Map<string, LocalEntry>();
  const references: CompositeReference[] = [];
  for (const entry of entries) {
    const { key: path, value: target, line } = entry;
    if (!/^\S+$/.test(target)) throw fail(line, `maps ${path} to "${target}"; expected one name`);
    if (path === NOT_FOUND_APP) {
      references.push({ name: target, line, role: 'app', where: 'not_found_app' });
      continue;
    }
    if (!path.startsWith('/'))
      throw fail(line, `has urlmap path "${path}"; paths start with / (or use not_found_app)`);
    const prefix = normalizePrefix(path);
    const twin = seen.get(prefix);
    if (twin) throw fail(line, `maps ${path}, the same path as ${twin.key} at line ${twin.line}`);
    seen.set(prefix, entry);
    references.push({ name: target, line, role: 'app', where: `urlmap target of ${path}` });
  }
  const catchAll = seen.get('');
  const notFound = entries.find((entry) => entry.key === NOT_FOUND_APP);
  if (catchAll && notFound) {
    throw fail(
      notFound.line,
      `has not_found_app, but "/" at line ${catchAll.line} already serves every path`
    );
  }
  return references;
}

/** Factory of the urlmap composite. */
export const urlmapComposite: CompositeFactory = async ({ entries, loader, fail }) => {
  mountsOf(entries, fail);
  const mounts: UrlMapEntry[] = [];
  for (const { key, value, line } of entries) {
    const handler: RequestHandler = await loader.getApp(value, line);
    mounts.push({ prefix: key === NOT_FOUND_APP ? '/' : key, handler });
  }
  return urlmap(mounts);
};
urlmapComposite.references = mountsOf;
