/**
 * The policy enforcer: default rules in code, overridden by a JSON policy file
 * (`[policy] policy_file`), every rule parsed once. `authorize` answers 403 with nova's
 * message; `allows` only says whether. Both check the rule the running method declares
 * (`@wsgi.policy`, carried by the request as `req.policy`), or one of the sub-rules it
 * declares, named by its last part: the declaration is the one place a rule name is
 * written, so the deployment plan shows what is enforced.
 */
import { readFileSync } from 'node:fs';
import {
  ConfigError,
  HTTPForbidden,
  type ApiRequest,
  type PolicyDescription,
  type PolicyPersona,
  type RequestContext,
  subRuleName
} from 'wharf';
import { PolicyUndeclared } from '../errors.js';
import { DEFAULT_RULES } from './defaults.js';
import { parseRule, type Check, type Credentials } from './rule.js';

/** A target's attributes rules compare with (`project_id`, `user_id`). */
export type PolicyTarget = Readonly<Record<string, string | null | undefined>>;

/** Checks callers against named rules. */
export class PolicyEnforcer {
  private readonly rules = new Map<string, Check>();
  private readonly texts = new Map<string, string>();

  /** @param overrides rule texts by name, replacing the defaults of the same name */
  constructor(overrides: Readonly<Record<string, string>> = {}, source = 'policy overrides') {
    for (const [name, text] of Object.entries({ ...DEFAULT_RULES, ...overrides })) {
      try {
        this.rules.set(name, parseRule(text));
        this.texts.set(name, text);
      } catch (error) {
        throw new ConfigError(`${source}: rule "${name}" = "${text}": ${(error as Error).message}`);
      }
    }
  }

  /** Reads a JSON policy file of `{ "rule name": "rule text" }`; a bad file is a ConfigError. */
  static fromFile(file: string): PolicyEnforcer {
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new ConfigError(`${file}: cannot read the policy file: ${(error as Error).message}`, {
        cause: error
      });
    }
    if (
      typeof data !== 'object' ||
      data === null ||
      Array.isArray(data) ||
      Object.values(data).some((value) => typeof value !== 'string')
    ) {
      throw new ConfigError(`${file}: the policy file must be an object of rule name to rule text`);
    }
    return new PolicyEnforcer(data as Record<string, string>, file);
  }

  /**
   * True when the caller passes, for `target`, the rule the running method declares, or its
   * declared sub-rule `subRule` (`get_all_tenants` for `RULE:get_all_tenants`); an unknown
   * rule allows nobody. PolicyUndeclared when the method does not declare it.
   */
  allows(req: ApiRequest, target: PolicyTarget, subRule?: string): boolean {
    return this.passes(req.context, declaredRule(req, subRule), target);
  }

  /**
   * As `allows`, but a caller who does not pass gets 403 "Policy doesn't allow RULE to be
   * performed." (nova's message, naming the sub-rule when it is one).
   */
  authorize(req: ApiRequest, target: PolicyTarget, subRule?: string): void {
    const rule = declaredRule(req, subRule);
    if (!this.passes(req.context, rule, target)) {
      throw new HTTPForbidden(`Policy doesn't allow ${rule} to be performed.`);
    }
  }

  private passes(context: RequestContext, rule: string, target: PolicyTarget): boolean {
    const { projectId, userId, roles, isAdmin } = context;
    return this.check(rule, { projectId, userId, roles, isAdmin }, target);
  }

  /**
   * A rule's text and who passes it, trying each persona on a server of its own project (for
   * the deployment plan); undefined for a rule this policy does not have.
   */
  describe(rule: string): PolicyDescription | undefined {
    const check = this.texts.get(rule);
    if (check === undefined) return undefined;
    const own = { projectId: 'plan-project', userId: 'plan-user' };
    const target = { project_id: own.projectId, user_id: own.userId };
    return {
      check,
      allows: ({ roles, isAdmin }: PolicyPersona) =>
        this.check(rule, { ...own, roles, isAdmin }, target)
    };
  }

  private check(rule: string, credentials: Credentials, target: PolicyTarget): boolean {
    return this.lookup(rule)(credentials, target, (name) => this.lookup(name));
  }

  private lookup(name: string): Check {
    return this.rules.get(name) ?? (() => false);
  }
}

/**
 * The rule `req`'s running method declares, or its declared sub-rule `subRule`;
 * PolicyUndeclared when it declares no rule or not that sub-rule.
 */
function declaredRule(req: ApiRequest, subRule: string | undefined): string {
  const declared = req.policy;
  if (declared === null) throw new PolicyUndeclared(`${req.method} ${req.path}`);
  if (subRule === undefined) return declared.rule;
  const rule = subRuleName(declared.rule, subRule);
  if (!declared.subRules.includes(rule)) {
    throw new PolicyUndeclared(`${req.method} ${req.path}: sub-rule ${rule}`);
  }
  return rule;
}
