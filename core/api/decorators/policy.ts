/**
 * `@policy(rule, ...subRules)`: the policy rule a method enforces (nova's
 * `os_compute_api:servers:index`), on a handler, an action or a pre- or post-processor, and
 * the sub-rules it checks only in some cases (`get_all_tenants`, declaring
 * `os_compute_api:servers:index:get_all_tenants`). While the method runs the request carries
 * the declaration (`req.policy`), so the method authorizes against it rather than a second
 * copy of the names; it puts the rule and its sub-rules in the deployment plan, where the
 * extension's `describePolicy` says who passes each, so `wharf check --diff` can tell a
 * tightened policy from a loosened one. Once per method.
 */
import { InvalidDeclarationError } from '../../errors.js';
import { declareOnce } from '../metadata.js';
import { POLICY, type DeclaredPolicy } from '../metadata-keys.js';
import { methodTarget } from './method-target.js';

/** The full name of the sub-rule `sub` of `rule`: `os_compute_api:limits` + `other_project`. */
export function subRuleName(rule: string, sub: string): string {
  return `${rule}:${sub}`;
}

/**
 * Declares the policy rule the method enforces and, by the last part of their names, the
 * sub-rules it checks in some cases: `@policy('os_compute_api:limits', 'other_project')`.
 */
export function policy(rule: string, ...subRules: string[]): MethodDecorator {
  return (target, key, descriptor) => {
    const { property, where } = methodTarget('policy', target, key, descriptor);
    if (typeof rule !== 'string' || rule.trim() === '') {
      throw new InvalidDeclarationError(`${where}: @policy needs a rule name`);
    }
    for (const sub of subRules) {
      if (typeof sub !== 'string' || !/^[^\s:]+$/.test(sub)) {
        throw new InvalidDeclarationError(
          `${where}: @policy sub-rule ${JSON.stringify(sub)} is not the last part of a rule name`
        );
      }
    }
    if (new Set(subRules).size !== subRules.length) {
      throw new InvalidDeclarationError(`${where}: @policy names a sub-rule twice`);
    }
    const declared: DeclaredPolicy = Object.freeze({
      rule,
      subRules: Object.freeze(subRules.map((sub) => subRuleName(rule, sub)).sort())
    });
    declareOnce(POLICY, target, property, declared, where);
  };
}
