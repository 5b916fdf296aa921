/**
 * The deployment plan: what a deployment serves, as plain sorted data (extensions and their
 * versions, routes with their owners and policies, actions, the pre- and post-processors of
 * each with their policies, the fields post-processors add, the microversion range), written by `wharf check --plan` and compared by `wharf check --diff`.
 * Its fingerprint, a hash of the plan, is in the version document and in every API
 * response's `X-Wharf-Fingerprint` header, so two hosts serving different deployments can
 * be told apart.
 */
import { createHash } from 'node:crypto';
import { addedFieldsOf } from './added-fields.js';
import type { APIRouter } from './api-router.js';
import { planPolicy, type PlanPolicy } from './plan-policy.js';
import { sortedByKey } from './sort-by-key.js';
import type { VersionRange } from './version-range.js';

/** The format marker of a plan file. */
export const PLAN_FORMAT = 'wharf-plan/1';

/** A microversion range as text, null for an open end. */
export interface PlanRange {
  minVersion: string | null;
  maxVersion: string | null;
}

/** What a deployment serves. */
export interface DeploymentPlan {
  format: typeof PLAN_FORMAT;
  microversions: { min: string; max: string };
  extensions: { alias: string; name: string; version: number | null }[];
  /** Every method route (actions are listed apart), with its handler's extension and policy. */
  routes: ({
    method: string;
    path: string;
    extension: string;
    policy?: PlanPolicy | null;
  } & PlanRange)[];
  actions: ({
    collection: string;
    action: string;
    extension: string;
    policy?: PlanPolicy | null;
  } & PlanRange)[];
  /**
   * Every pre- and post-processor (`@wsgi.extends`): which method or action it extends, its
   * phase, its extension and the policy it declares. Absent in plans written before
   * processors were recorded.
   */
  processors?: {
    collection: string;
    target: string;
    phase: 'pre' | 'post';
    extension: string;
    policy: PlanPolicy | null;
  }[];
  /** Response fields post-processors add: to which method or action, where, by whom. */
  fields: {
    collection: string;
    target: string;
    at: string;
    field: string;
    extension: string;
  }[];
}

/** The plan of an assembled API. */
export function planOf(router: APIRouter): DeploymentPlan {
  const routes: DeploymentPlan['routes'] = [];
  for (const route of router.routeTable().list()) {
    if (route.action === 'action') continue;
    const plan = route.target.planFor('method', route.action);
    if (!plan) continue;
    routes.push({
      method: route.method,
      path: route.path,
      extension: plan.main.owner,
      ...rangeOf(plan.main.spec.range),
      policy: planPolicy(router.registry, plan.main.owner, plan.main.spec.policy)
    });
  }
  const actions: DeploymentPlan['actions'] = [];
  const processors: NonNullable<DeploymentPlan['processors']> = [];
  const fields: DeploymentPlan['fields'] = [];
  for (const resource of router.resources()) {
    for (const { kind, name, plan } of resource.plans()) {
      if (kind === 'action') {
        actions.push({
          collection: resource.collection,
          action: name,
          extension: plan.main.owner,
          ...rangeOf(plan.main.spec.range),
          policy: planPolicy(router.registry, plan.main.owner, plan.main.spec.policy)
        });
      }
      for (const { spec, owner } of [...plan.pre, ...plan.post]) {
        processors.push({
          collection: resource.collection,
          target: `${kind} ${name}`,
          phase: spec.phase,
          extension: owner,
          policy: planPolicy(router.registry, owner, spec.policy)
        });
      }
      for (const { at, field, extension } of addedFieldsOf(plan)) {
        fields.push({
          collection: resource.collection,
          target: `${kind} ${name}`,
          at,
          field,
          extension
        });
      }
    }
  }
  return {
    format: PLAN_FORMAT,
    microversions: { min: router.versions.min.toString(), max: router.versions.max.toString() },
    extensions: sortedByKey(
      router.registry.loaded().map(({ alias, name, version }) => ({ alias, name, version })),
      (e) => e.alias
    ),
    routes: sortedByKey(routes, (r) => `${r.path} ${r.method}`),
    actions: sortedByKey(actions, (a) => `${a.collection} ${a.action}`),
    processors: sortedByKey(processors, processorKey),
    fields: sortedByKey(fields, (f) => `${f.collection} ${f.target} ${f.at} ${f.field}`)
  };
}

/** How a processor is named in the plan and its diff: `servers method show: post OS-EXT-STS`. */
export function processorKey(processor: NonNullable<DeploymentPlan['processors']>[number]): string {
  return `${processor.collection} ${processor.target}: ${processor.phase} ${processor.extension}`;
}

/** `sha256:` and the first 16 hex digits of the hash of the plan's JSON. */
export function fingerprintOf(plan: DeploymentPlan): string {
  return `sha256:${createHash('sha256').update(JSON.stringify(plan)).digest('hex').slice(0, 16)}`;
}

function rangeOf(range: VersionRange): PlanRange {
  return { minVersion: range.min?.toString() ?? null, maxVersion: range.max?.toString() ?? null };
}
