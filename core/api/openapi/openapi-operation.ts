/**
 * One OpenAPI operation per route: a method's operation, or the one `POST .../action`
 * operation whose body is a `oneOf` over every action's body (each branch keyed by its
 * action name, which is the discriminator). Request schemas by microversion range, success
 * codes from `@wsgi.response`, fault responses from `@wsgi.expectedErrors` (plus the
 * statuses any handler may answer), the response fields post-processors declare, and who
 * contributed what under `x-wharf-*`, with the policy rule and sub-rules each handler,
 * action and processor declares (`x-wharf-policy`: `{ rule, subRules }`). With a microversion pinned, only what exists at that
 * version is described.
 */
import type { MicroversionLike } from '../../context.js';
import type { RouteSpec } from '../../routing/index.js';
import { addedFieldsOf } from '../added-fields.js';
import type { MethodSpec } from '../controller-descriptor.js';
import type { DispatchPlan, Owned } from '../dispatch-plan.js';
import type { DeclaredPolicy } from '../metadata-keys.js';
import type { Resource } from '../resource.js';
import { rangeContains, type VersionRange } from '../version-range.js';
import {
  faultResponseName,
  ref,
  VERSION_PARAMETERS,
  versionResponseHeaders,
  type Json
} from './openapi-components.js';

/** Statuses any handler may answer whatever it declares (validation, auth, policy), and 500. */
const ALWAYS_POSSIBLE = [400, 401, 403, 500];

/** What building operations needs and collects. */
export interface OperationScope {
  /** The pinned microversion, or null for every range. */
  version: MicroversionLike | null;
  /** Error statuses used so far, for the components section. */
  errorStatuses: Set<number>;
  /** operationIds given so far, kept unique. */
  operationIds: Set<string>;
}

/** The operation of a method route, or null when the method does not exist at the version. */
export function methodOperation(
  route: RouteSpec<Resource>,
  plan: DispatchPlan,
  scope: OperationScope
): Json | null {
  const { spec, owner, controller } = plan.main;
  if (!exists(spec.range, scope)) return null;
  const body = requestBody(spec, scope);
  return {
    operationId: operationId(route.name ?? `${route.action}_${route.path}`, scope),
    summary: `${controller}.${spec.property}`,
    tags: [tagOf(route.target)],
    parameters: [...pathParameters(route), ...queryParameters(spec, scope), ...VERSION_PARAMETERS],
    ...(body ? { requestBody: body } : {}),
    responses: responses([spec], plan, scope),
    'x-wharf-extension': owner,
    ...policyExtension(spec),
    ...rangeExtension(spec.range),
    ...processorsExtension(plan, scope)
  };
}

/** The `POST .../action` operation over every action, or null when none exists at the version. */
export function actionOperation(route: RouteSpec<Resource>, scope: OperationScope): Json | null {
  const actions = route.target
    .plans()
    .filter(({ kind, plan }) => kind === 'action' && exists(plan.main.spec.range, scope));
  if (actions.length === 0) return null;
  const branches = actions.map(({ name, plan }) => actionBranch(name, plan.main, scope));
  const descriptions = actions.map(
    ({ name, plan }) => `- \`${name}\` (extension \`${plan.main.owner}\`)`
  );
  return {
    operationId: operationId(route.name ?? `action_${route.path}`, scope),
    summary: `Actions: ${actions.map(({ name }) => name).join(', ')}`,
    description: `One operation per action, chosen by the body's single key:\n\n${descriptions.join('\n')}`,
    tags: [tagOf(route.target)],
    parameters: [...pathParameters(route), ...VERSION_PARAMETERS],
    requestBody: {
      required: true,
      content: { 'application/json': { schema: { oneOf: branches } } }
    },
    responses: responses(
      actions.map(({ plan }) => plan.main.spec),
      null,
      scope
    ),
    'x-wharf-extension': route.owner,
    'x-wharf-actions': actions.map(({ name, plan }) => ({
      action: name,
      operationId: operationId(`${route.name ?? 'action'}_${name}`, scope),
      handler: `${plan.main.controller}.${plan.main.spec.property}`,
      extension: plan.main.owner,
      ...policyExtension(plan.main.spec),
      ...rangeExtension(plan.main.spec.range),
      responses: Object.keys(responses([plan.main.spec], plan, scope)),
      ...processorsExtension(plan, scope)
    }))
  };
}

function actionBranch(name: string, main: Owned<MethodSpec>, scope: OperationScope): Json {
  const schemas = schemasFor(main.spec.schemas, scope);
  return {
    title: name,
    type: 'object',
    required: [name],
    properties: { [name]: {} },
    ...(schemas ? { allOf: [schemas] } : {}),
    'x-wharf-extension': main.owner
  };
}

function requestBody(spec: MethodSpec, scope: OperationScope): Json | null {
  const schema = schemasFor(spec.schemas, scope);
  if (schema === null) return null;
  return { required: true, content: { 'application/json': { schema } } };
}

/** The schema at the pinned version, or every range's as an `anyOf`; null when none. */
function schemasFor(entries: MethodSpec['schemas'], scope: OperationScope): Json | boolean | null {
  const applicable = entries.filter(({ range }) => exists(range, scope));
  if (applicable.length === 0) return null;
  if (scope.version !== null || applicable.length === 1) return applicable[0]!.schema as Json;
  return {
    anyOf: applicable.map(({ schema, range }) => ({
      title: `microversions ${rangeText(range)}`,
      allOf: [schema],
      ...rangeExtension(range)
    }))
  };
}

function queryParameters(spec: MethodSpec, scope: OperationScope): Json[] {
  const seen = new Map<string, Json>();
  for (const { schema, range } of spec.querySchemas) {
    if (!exists(range, scope) || typeof schema !== 'object') continue;
    const { properties = {}, required = [] } = schema as {
      properties?: Record<string, unknown>;
      required?: string[];
    };
    for (const [name, property] of Object.entries(properties)) {
      seen.set(name, {
        name,
        in: 'query',
        required: required.includes(name),
        schema: property
      });
    }
  }
  return [...seen.values()];
}

function pathParameters(route: RouteSpec<Resource>): Json[] {
  return [...route.path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => {
    const pattern = route.requirements?.[name!];
    return {
      name,
      in: 'path',
      required: true,
      schema: { type: 'string', ...(pattern ? { pattern: `^(?:${pattern})$` } : {}) }
    };
  });
}

/** Success responses (with the fields post-processors add) and fault responses. */
function responses(specs: MethodSpec[], plan: DispatchPlan | null, scope: OperationScope): Json {
  const result: Json = {};
  const content = plan ? responseContent(plan, scope) : null;
  for (const spec of specs) {
    for (const code of successCodes(spec, scope)) {
      result[String(code)] = {
        description: code === 204 ? 'no content' : 'success',
        headers: versionResponseHeaders(),
        ...(code !== 204 ? { content: { 'application/json': { schema: content ?? {} } } } : {})
      };
    }
  }
  const errors = new Set(ALWAYS_POSSIBLE);
  for (const spec of specs) for (const code of declaredErrors(spec, scope)) errors.add(code);
  for (const code of [...errors].sort((a, b) => a - b)) {
    scope.errorStatuses.add(code);
    result[String(code)] = ref('responses', faultResponseName(code));
  }
  return result;
}

function successCodes(spec: MethodSpec, scope: OperationScope): number[] {
  const codes = spec.responseCodes
    .filter(({ range }) => exists(range, scope))
    .map(({ code }) => code);
  return codes.length === 0 ? [200] : scope.version !== null ? [codes[0]!] : [...new Set(codes)];
}

function declaredErrors(spec: MethodSpec, scope: OperationScope): number[] {
  return spec.expectedErrors.filter(({ range }) => exists(range, scope)).flatMap((e) => e.codes);
}

/** The response body's declared fields, by the place post-processors put them. */
function responseContent(plan: DispatchPlan, scope: OperationScope): Json | null {
  const places = new Map<string, Json>();
  for (const { at, field, schema, extension } of addedFieldsOf(livePlan(plan, scope))) {
    const properties = places.get(at) ?? {};
    properties[field] =
      typeof schema === 'boolean'
        ? { ...(schema ? {} : { not: {} }), 'x-wharf-extension': extension }
        : { ...schema, 'x-wharf-extension': extension };
    places.set(at, properties);
  }
  if (places.size === 0) return null;
  const properties: Json = {};
  for (const [at, fields] of places) {
    const object = { type: 'object', properties: fields };
    if (at.endsWith('[]')) properties[at.slice(0, -2)] = { type: 'array', items: object };
    else properties[at] = object;
  }
  return { type: 'object', properties };
}

/** The plan with only the post-processors that exist at the pinned version. */
function livePlan(plan: DispatchPlan, scope: OperationScope): DispatchPlan {
  return { ...plan, post: plan.post.filter(({ spec }) => exists(spec.range, scope)) };
}

function processorsExtension(plan: DispatchPlan, scope: OperationScope): Json {
  const processors = [...plan.pre, ...plan.post]
    .filter(({ spec }) => exists(spec.range, scope))
    .map(({ spec, owner, controller }) => ({
      extension: owner,
      phase: spec.phase,
      handler: `${controller}.${spec.property}`,
      ...policyExtension(spec),
      ...rangeExtension(spec.range),
      ...(spec.addedFields.length > 0
        ? {
            addsFields: spec.addedFields.flatMap(({ at, fields }) =>
              Object.keys(fields).map((field) => `${at} ${field}`)
            )
          }
        : {})
    }));
  return processors.length > 0 ? { 'x-wharf-processors': processors } : {};
}

/** The policy the method declares (`@wsgi.policy`), when it declares one. */
function policyExtension(spec: MethodSpec): Json {
  return spec.policy === null ? {} : { 'x-wharf-policy': policyJson(spec.policy) };
}

/** A declared policy as the document shows it: `{ rule, subRules }`. */
export function policyJson(policy: DeclaredPolicy): Json {
  return { rule: policy.rule, subRules: [...policy.subRules] };
}

function rangeExtension(range: VersionRange): Json {
  if (range.min === null && range.max === null) return {};
  return { 'x-wharf-microversions': rangeText(range) };
}

/** `2.1-2.18`, `2.3-` or `-2.10`. */
function rangeText(range: VersionRange): string {
  return `${range.min?.toString() ?? ''}-${range.max?.toString() ?? ''}`;
}

function exists(range: VersionRange, scope: OperationScope): boolean {
  return scope.version === null || rangeContains(range, scope.version);
}

/** The resource's top collection names the group an operation is listed under. */
function tagOf(resource: Resource): string {
  return resource.collection.split('/', 1)[0]!;
}

function operationId(wanted: string, scope: OperationScope): string {
  const base = wanted.replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^_+|_+$/g, '');
  let id = base;
  for (let n = 2; scope.operationIds.has(id); n++) id = `${base}_${n}`;
  scope.operationIds.add(id);
  return id;
}
