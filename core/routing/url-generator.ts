/**
 * URL generation, routes' `url_for` / `Mapper.generate`: a named route and its parameters
 * back into a path. Parameters the template names are filled in, percent-encoded and
 * checked against the route's requirements; `format` adds the `.{format}` suffix of a
 * formatted route; `project_id`, when the template lacks it, goes in front (nova's
 * `/{project_id}` form); every other parameter becomes the query string, in the order
 * given (an array repeats its key; `undefined` is left out).
 */
import { UrlGenerationError } from '../errors.js';
import { compileRequirement } from './requirement.js';
import { FORMAT_PARAM, PROJECT_ID_PARAM } from './route.js';

/** Parameters of a generated URL. */
export type UrlParams = Readonly<Record<string, string | readonly string[] | undefined>>;

/** What generation needs of a route (a RouteSpec or a RedirectSpec). */
export interface GeneratedRoute {
  path: string;
  owner: string;
  name?: string;
  requirements?: Readonly<Record<string, string>>;
  formatted?: boolean;
}

const PARAM = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** The parameter names of a template, in path order. */
export function templateParams(template: string): string[] {
  return [...template.matchAll(PARAM)].map((match) => match[1]!);
}

/**
 * The path of `route` with `params`; `label` names the route in errors. Throws
 * `UrlGenerationError` for a missing parameter, one that breaks a requirement, or a
 * `format` on a route that takes none.
 */
export function generatePath(route: GeneratedRoute, params: UrlParams, label: string): string {
  const used = new Set<string>();
  let path = route.path.replace(PARAM, (_whole, name: string) => {
    const value = params[name];
    if (typeof value !== 'string' || value === '') {
      throw new UrlGenerationError(`route ${label} needs the parameter {${name}}`);
    }
    const pattern = route.requirements?.[name];
    if (pattern !== undefined && !compileRequirement(pattern, name, route.owner).test(value)) {
      throw new UrlGenerationError(
        `route ${label}: {${name}} = "${value}" does not match its requirement ${pattern}`
      );
    }
    used.add(name);
    return encodeURIComponent(value);
  });
  const project = params[PROJECT_ID_PARAM];
  if (!used.has(PROJECT_ID_PARAM)) {
    if (typeof project === 'string' && project !== '') {
      path = `/${encodeURIComponent(project)}${path === '/' ? '' : path}`;
    }
    used.add(PROJECT_ID_PARAM);
  }
  const format = params[FORMAT_PARAM];
  if (typeof format === 'string') {
    if (route.formatted !== true) {
      throw new UrlGenerationError(`route ${label} takes no .{format} suffix`);
    }
    path += `.${encodeURIComponent(format)}`;
    used.add(FORMAT_PARAM);
  }
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (used.has(key) || value === undefined) continue;
    for (const item of typeof value === 'string' ? [value] : value) query.append(key, item);
  }
  const search = query.toString();
  return search === '' ? path : `${path}?${search}`;
}
