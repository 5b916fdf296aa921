/**
 * The policy of a route or action in the deployment plan: the rule its method declares
 * (`@wsgi.policy`), the rule's text in this deployment and which of the POLICY_PERSONAS pass
 * it, as the owning extension's `describePolicy` says (run in its load scope).
 */
import { runLoadingSync } from '../extension-scope.js';
import type { ExtensionRegistry } from './extension-registry.js';
import { POLICY_PERSONAS } from './policy-personas.js';

/** A policy as the plan keeps it; `check` and `allowed` are null when no extension knows the rule. */
export interface PlanPolicy {
  rule: string;
  check: string | null;
  /** The names of the personas that pass the rule, least privileged first. */
  allowed: string[] | null;
}

/** The plan entry of `rule`, declared by a method of the extension `owner`; null for no rule. */
export function planPolicy(
  registry: ExtensionRegistry,
  owner: string,
  rule: string | null
): PlanPolicy | null {
  if (rule === null) return null;
  const extension = registry.get(owner)?.extension;
  const description = runLoadingSync({ extension: owner }, () => extension?.describePolicy?.(rule));
  if (description === undefined) return { rule, check: null, allowed: null };
  return {
    rule,
    check: description.check,
    allowed: POLICY_PERSONAS.filter((persona) => description.allows(persona)).map(
      (persona) => persona.name
    )
  };
}
