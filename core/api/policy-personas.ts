/**
 * Who passes a policy rule, in terms every deployment shares: four callers of the target's
 * own project, from no role at all to an administrator. An API extension that enforces
 * policies says which of them pass each rule (`describePolicy`); the deployment plan keeps
 * the list, and `wharf check --diff` reports a rule that lets fewer of them in as breaking.
 */

/** A caller a rule is tried on; all of them belong to the target's project. */
export interface PolicyPersona {
  /** `anyone`, `reader`, `member` or `admin`. */
  name: string;
  /** The roles its token carries. */
  roles: readonly string[];
  /** True for the administrator (`is_admin:True`). */
  isAdmin: boolean;
}

/** The callers, from least to most privileged. */
export const POLICY_PERSONAS: readonly PolicyPersona[] = Object.freeze([
  { name: 'anyone', roles: [], isAdmin: false },
  { name: 'reader', roles: ['reader'], isAdmin: false },
  { name: 'member', roles: ['member'], isAdmin: false },
  { name: 'admin', roles: ['admin'], isAdmin: true }
]);

/** What an extension says about one of its rules. */
export interface PolicyDescription {
  /** The rule's text as the deployment has it (defaults plus any policy file). */
  check: string;
  /** True when `persona` passes the rule on a target of its own project. */
  allows(persona: PolicyPersona): boolean;
}
