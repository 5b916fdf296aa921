/**
 * URL generation, routes' `url_for` / `Mapper.generate`: a named route and its parameters
 * back into a path. Parameters the template names are filled in, percent-encoded and
 * checked against the route's requirements; `format` adds the `.{format}` suffix of a
 * formatted route; `project_id`, when the template lacks it, goes in front (nova's
 * `/{project_id}` form); every other parameter becomes the query string, in the order
 * given (an array repeats its key; `undefined` is left out).
 */
import { UrlGenerationError } from '../errors.js';
import { FORMAT_PARAM, PROJECT_ID_PARAM } from './route.js';
import { parseRouteTemplate } from './template.js';

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
  // The route's parse, made once when it was declared: static text, and each parameter
  // with its compiled requirement, if any.
  const { segments, paramNames: names } = parseRouteTemplate(route);
  let path = '';
  let param = 0;
  for (const segment of segments) {
    if (typeof segment === 'string') {
      path += `/${segment}`;
      continue;
    }
    const name = names[param++]!;
    const value = params[name];
    if (typeof value !== 'string' || value === '') {
      throw new UrlGenerationError(`route ${label} needs the parameter {${name}}`);
    }
    if (segment !== null && !segment.test(value)) {
      throw new UrlGenerationError(
        `route ${label}: {${name}} = "${value}" does not match its requirement ${segment.source}`
      );
    }
    path += `/${encodeURIComponent(value)}`;
  }
  if (path === '') path = '/';
  const project = params[PROJECT_ID_PARAM];
  if (!names.includes(PROJECT_ID_PARAM) && typeof project === 'string' && project !== '') {
    path = `/${encodeURIComponent(project)}${path === '/' ? '' : path}`;
  }
  const format = params[FORMAT_PARAM];
  const formatUsed = typeof format === 'string';
  if (formatUsed) {
    if (route.formatted !== true) {
      throw new UrlGenerationError(`route ${label} takes no .{format} suffix`);
    }
    path += `.${encodeURIComponent(format)}`;
  }
  // The rest goes to the query string; most links have none.
  let query: URLSearchParams | undefined;
  for (const key of Object.keys(params)) {
    const value = params[key];
    if (value === undefined || key === PROJECT_ID_PARAM || names.includes(key)) continue;
    if (key === FORMAT_PARAM && formatUsed) continue;
    query ??= new URLSearchParams();
    for (const item of typeof value === 'string' ? [value] : value) query.append(key, item);
  }
  const search = query === undefined ? '' : query.toString();
  return search === '' ? path : `${path}?${search}`;
}
