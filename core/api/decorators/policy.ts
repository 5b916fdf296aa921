/**
 * `@policy(rule)`: the policy rule a method enforces (nova's `os_compute_api:servers:index`),
 * on a handler, an action or a pre- or post-processor. While the method runs the request
 * carries the rule (`req.policy`), so the method authorizes against its declaration rather
 * than a second copy of the name; it puts the rule in the deployment plan, where the extension's `describePolicy` says who passes it, so
 * `wharf check --diff` can tell a tightened policy from a loosened one. Once per method.
 */
import { InvalidDeclarationError } from '../../errors.js';
import { declareOnce } from '../metadata.js';
import { POLICY } from '../metadata-keys.js';
import { methodTarget } from './method-target.js';

/** Declares the name of the policy rule the method enforces. */
export function policy(rule: string): MethodDecorator {
  return (target, key, descriptor) => {
    const { property, where } = methodTarget('policy', target, key, descriptor);
    if (typeof rule !== 'string' || rule.trim() === '') {
      throw new InvalidDeclarationError(`${where}: @policy needs a rule name`);
    }
    declareOnce(POLICY, target, property, rule, where);
  };
}
