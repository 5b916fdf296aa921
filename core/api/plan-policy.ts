/**
 * The policy of a route, action or processor in the deployment plan: the rule its method
 * declares (`@wsgi.policy`) and the sub-rules it checks in some cases, each with its text in
 * this deployment and which of the POLICY_PERSONAS pass it, as the owning extension's
 * `describePolicy` says (run in its load scope).
 */
import { runLoadingSync } from '../extension-scope.js';
import type { ExtensionRegistry } from './extension-registry.js';
import type { DeclaredPolicy } from './metadata-keys.js';
import { POLICY_PERSONAS } from './policy-personas.js';

/** One rule as the plan keeps it; `check` and `allowed` are null when no extension knows it. */
export interface PlanRule {
  rule: string;
  check: string | null;
  /** The names of the personas that pass the rule, least privileged first. */
  allowed: string[] | null;
}

/** A method's policy as the plan keeps it. */
export interface PlanPolicy extends PlanRule {
  /** Its declared sub-rules, by name; absent in plans written before sub-rules were recorded. */
  subRules?: PlanRule[];
}

/** The plan entry of what a method of the extension `owner` declares; null for no rule. */
export function planPolicy(
  registry: ExtensionRegistry,
  owner: string,
  declared: DeclaredPolicy | null
): PlanPolicy | null {
  if (declared === null) return null;
  const extension = registry.get(owner)?.extension;
  const planRule = (rule: string): PlanRule => {
    const description = runLoadingSync({ extension: owner }, () =>
      extension?.describePolicy?.(rule)
    );
    if (description === undefined) return { rule, check: null, allowed: null };
    return {
      rule,
      check: description.check,
      allowed: POLICY_PERSONAS.filter((persona) => description.allows(persona)).map(
        (persona) => persona.name
      )
    };
  };
  return { ...planRule(declared.rule), subRules: declared.subRules.map(planRule) };
}
