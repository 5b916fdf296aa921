/**
 * Path templates (`/servers/{server_id}/metadata/{id}`): validation, translation into the
 * segments the routing table's tree holds, and the derived forms the table needs.
 */
import { METHODS } from 'node:http';
import { InvalidDeclarationError } from '../errors.js';
import { compileRequirement } from './requirement.js';
import { PROJECT_ID_PARAM } from './route.js';
import type { TemplateSegments } from './segment-tree.js';

/** A template checked and translated for the routing table. */
export interface ParsedTemplate extends TemplateSegments {
  /** The template with parameter names erased (`/servers/{}/metadata/{}`): equal shapes conflict. */
  shape: string;
  /** A request path that reaches this template and no static sibling of it. */
  sample: string;
}

const PARAM_SEGMENT = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/;
// RFC 3986 path characters, without `:` and `*` (pattern syntax in other routers, so a
// template copied from one fails loudly) and without `%`, so templates never carry
// encoded text.
const STATIC_SEGMENT = /^[A-Za-z0-9\-._~!$&'()+,;=@]+$/;
// Decodes to `{warm}`; holds `%`, which no static segment may, so it never hits a sibling.
const SAMPLE_PARAM = '%7Bwarm%7D';
const KNOWN_METHODS = new Set(METHODS);
const OPEN_BRACE = 0x7b;
const PROJECT_ID_SEGMENT = `{${PROJECT_ID_PARAM}}`;

/** Checks that `method` is an upper-case HTTP method Node can receive. */
export function checkMethod(method: string, path: string, owner: string): void {
  if (!KNOWN_METHODS.has(method)) {
    throw new InvalidDeclarationError(
      `route ${method} ${path} declared by ${owner}: "${method}" is not an upper-case HTTP method`
    );
  }
}

/**
 * Checks `template` and translates it. A template is `/` or `/`-separated segments, each
 * either static text or one whole parameter `{name}`; parameter names are unique. A
 * parameter with an entry in `requirements` becomes a patterned segment (its shape
 * `{:pattern}`, so it conflicts only with the same pattern); entries for parameters the
 * template lacks are ignored here (Mapper checks them per declaration).
 */
export function parseTemplate(
  template: string,
  owner: string,
  requirements: Readonly<Record<string, string>> = {}
): ParsedTemplate {
  const invalid = (why: string): InvalidDeclarationError =>
    new InvalidDeclarationError(`route template "${template}" declared by ${owner}: ${why}`);
  if (!template.startsWith('/')) throw invalid('it must start with "/"');
  if (template === '/') return { segments: [], paramNames: [], shape: '/', sample: '/' };

  const segments: TemplateSegments['segments'][number][] = [];
  const paramNames: string[] = [];
  let shape = '';
  let sample = '';
  for (const segment of template.slice(1).split('/')) {
    // Most segments are static text: only one opening with `{` can be a parameter.
    const param = segment.charCodeAt(0) === OPEN_BRACE ? PARAM_SEGMENT.exec(segment) : null;
    if (param !== null) {
      const name = param[1]!;
      if (paramNames.includes(name)) throw invalid(`parameter {${name}} appears twice`);
      paramNames.push(name);
      const pattern = Object.hasOwn(requirements, name) ? requirements[name] : undefined;
      if (pattern === undefined) {
        segments.push(null);
        shape += '/{}';
      } else {
        segments.push(compileRequirement(pattern, name, owner));
        shape += `/{:${pattern}}`;
      }
      sample += `/${SAMPLE_PARAM}`;
    } else if (STATIC_SEGMENT.test(segment)) {
      segments.push(segment);
      shape += `/${segment}`;
      sample += `/${segment}`;
    } else if (segment === '') {
      throw invalid('it has an empty segment (a doubled or trailing "/")');
    } else {
      throw invalid(`segment "${segment}" is neither static text nor one whole {parameter}`);
    }
  }
  return { segments, paramNames, shape, sample };
}

/** What a route's template parse was computed from, and the parse. */
interface RememberedParse {
  path: string;
  requirements: Readonly<Record<string, string>> | undefined;
  parsed: ParsedTemplate;
}

const routeParses = new WeakMap<object, RememberedParse>();

/**
 * `parseTemplate` of a route's (or redirect's) path, owner and requirements, computed once
 * per route object while its path and requirements stay the same: `Mapper` checks each
 * template as it is declared, and the routing table compiles from that parse.
 */
export function parseRouteTemplate(route: {
  path: string;
  owner: string;
  requirements?: Readonly<Record<string, string>>;
}): ParsedTemplate {
  const known = routeParses.get(route);
  if (known?.path === route.path && known.requirements === route.requirements) {
    return known.parsed;
  }
  const parsed = parseTemplate(route.path, route.owner, route.requirements);
  routeParses.set(route, { path: route.path, requirements: route.requirements, parsed });
  return parsed;
}

/**
 * Makes `route` share the parse `parseRouteTemplate` remembered for `from`, a route with the
 * same path and the same requirements object (a resource's index and create, or its show,
 * update and delete), instead of parsing the template again; otherwise does nothing.
 */
export function shareRouteParse(
  route: { path: string; requirements?: Readonly<Record<string, string>> },
  from: object
): void {
  const known = routeParses.get(from);
  if (known?.path === route.path && known.requirements === route.requirements) {
    routeParses.set(route, known);
  }
}

/**
 * The template nova also registered each route under: the same path behind
 * `/{project_id}`; `null` when the template already names `{project_id}` itself.
 */
export function withProjectId(template: string): string | null {
  if (template.includes(PROJECT_ID_SEGMENT)) return null;
  return `/${PROJECT_ID_SEGMENT}${template === '/' ? '' : template}`;
}

/** `behindProjectId` of each parse without a `project_id` requirement: routes share parses. */
const projectIdForms = new WeakMap<ParsedTemplate, ParsedTemplate>();

/**
 * The parse of `prefixed` (`withProjectId` of the template `parsed` came from), built from
 * `parsed` instead of parsing the longer template again, once per parse.
 */
export function behindProjectId(
  parsed: ParsedTemplate,
  prefixed: string,
  owner: string,
  requirements: Readonly<Record<string, string>> = {}
): ParsedTemplate {
  // A requirement on the added parameter patterns it: rare, so parse the whole template.
  if (Object.hasOwn(requirements, PROJECT_ID_PARAM)) {
    return parseTemplate(prefixed, owner, requirements);
  }
  const known = projectIdForms.get(parsed);
  if (known !== undefined) return known;
  const root = parsed.shape === '/';
  const form: ParsedTemplate = {
    segments: [null, ...parsed.segments],
    paramNames: [PROJECT_ID_PARAM, ...parsed.paramNames],
    shape: root ? '/{}' : `/{}${parsed.shape}`,
    sample: root ? `/${SAMPLE_PARAM}` : `/${SAMPLE_PARAM}${parsed.sample}`
  };
  projectIdForms.set(parsed, form);
  return form;
}
