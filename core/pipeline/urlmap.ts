/**
 * paste's urlmap: dispatch on the longest matching path prefix. The matched prefix moves
 * from the URL to `req.baseUrl`, exactly as Express does when it mounts a router, so the
 * target sees paths relative to its mount point and builds links from `req.baseUrl`.
 *
 * A prefix matches a path equal to it or continuing with `/`: `/v2.1` matches `/v2.1`,
 * `/v2.1/` and `/v2.1/servers`, never `/v2.10`. The target then sees `req.url` `/` for the
 * first two; `req.originalUrl` still tells them apart (the versions app redirects `/v2.1`).
 *
 * nova's wildcard: a prefix ending in `/+` (`/v2.1/+`) matches only a path continuing past
 * the slash (`/v2.1/servers`, not `/v2.1/` nor `/v2.1`) and mounts at the prefix without
 * `/+`. Longer prefixes are tried first, the `/+` counting, so `/v2.1/+` wins over `/v2.1`.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** One mount: a path prefix and the handler serving it. */
export interface UrlMapEntry {
  /** A path starting with `/`; a trailing `/` is ignored and `/` matches everything. */
  readonly prefix: string;
  /** Serves the requests under `prefix` (with `prefix` moved from `url` to `baseUrl`). */
  readonly handler: RequestHandler;
}

interface Mount {
  readonly prefix: string;
  /** Whether the path must continue past `prefix/` (a `/+` prefix). */
  readonly wildcard: boolean;
  readonly order: number;
  readonly handler: RequestHandler;
}

const WILDCARD = '/+';

const SLASH = 47;

/** The canonical form of a urlmap prefix: no trailing slash, so `/` becomes ``. */
export function normalizePrefix(prefix: string): string {
  return prefix.endsWith(WILDCARD) ? prefix : prefix.replace(/\/+$/, '');
}

/** Builds one handler dispatching to the entry with the longest matching prefix. */
export function urlmap(entries: readonly UrlMapEntry[]): RequestHandler {
  const mounts: Mount[] = entries
    .map((entry) => {
      const normalized = normalizePrefix(entry.prefix);
      const wildcard = normalized.endsWith(WILDCARD);
      return {
        prefix: wildcard ? normalized.slice(0, -WILDCARD.length) : normalized,
        wildcard,
        order: normalized.length,
        handler: entry.handler
      };
    })
    .sort((a, b) => b.order - a.order);

  return function urlmapDispatch(req: Request, res: Response, next: NextFunction): unknown {
    const url = req.url;
    const query = url.indexOf('?');
    const path = query === -1 ? url : url.slice(0, query);
    for (const { prefix, wildcard, handler } of mounts) {
      if (wildcard) {
        if (path.length < prefix.length + 2 || !path.startsWith(prefix)) continue;
        if (path.charCodeAt(prefix.length) !== SLASH) continue;
        return mount(prefix, handler, req, res, next);
      }
      if (prefix === '') return handler(req, res, next);
      if (!path.startsWith(prefix)) continue;
      if (path.length !== prefix.length && path.charCodeAt(prefix.length) !== SLASH) continue;
      return mount(prefix, handler, req, res, next);
    }
    next();
    return undefined;
  };
}

/** Runs `handler` with `prefix` moved from `req.url` to `req.baseUrl`; restores both on `next`. */
function mount(
  prefix: string,
  handler: RequestHandler,
  req: Request,
  res: Response,
  next: NextFunction
): unknown {
  const url = req.url;
  const baseUrl = req.baseUrl ?? '';
  const rest = url.slice(prefix.length);
  req.url = rest === '' || rest.charCodeAt(0) !== SLASH ? `/${rest}` : rest;
  req.baseUrl = baseUrl + prefix;
  return handler(req, res, (error?: unknown) => {
    req.url = url;
    req.baseUrl = baseUrl;
    next(error);
  });
}
