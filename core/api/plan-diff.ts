/**
 * Comparing a deployment with an accepted plan (`wharf check --diff`): what was removed or
 * narrowed breaks clients (a route, action, processor, field or extension gone, a microversion range
 * narrowed, a policy or sub-rule that lets fewer callers in, a sub-rule added or removed);
 * what was added or widened does not (a policy that lets more callers in, or the same ones
 * through another rule text).
 */
import { APIVersionRequest } from './api-version-request.js';
import { processorKey, type DeploymentPlan, type PlanRange } from './deployment-plan.js';
import type { PlanPolicy, PlanRule } from './plan-policy.js';

/** One difference. */
export interface PlanChange {
  subject: 'extension' | 'route' | 'action' | 'processor' | 'field' | 'microversions' | 'policy';
  message: string;
}

/** The differences, grouped. */
export interface PlanDiff {
  breaking: PlanChange[];
  additive: PlanChange[];
}

interface Listing<T> {
  subject: PlanChange['subject'];
  key: (item: T) => string;
  range?: (item: T) => PlanRange;
  /** The item's policy; undefined in plans written before policies were recorded. */
  policy?: (item: T) => PlanPolicy | null | undefined;
}

/** What changed from `accepted` to `current`. */
export function diffPlans(accepted: DeploymentPlan, current: DeploymentPlan): PlanDiff {
  const diff: PlanDiff = { breaking: [], additive: [] };
  compareRange(
    diff,
    'microversions',
    'the API',
    { minVersion: accepted.microversions.min, maxVersion: accepted.microversions.max },
    { minVersion: current.microversions.min, maxVersion: current.microversions.max }
  );
  compare(diff, accepted.extensions, current.extensions, {
    subject: 'extension',
    key: (e) => `${e.alias} (version ${e.version ?? '-'})`
  });
  compare(diff, accepted.routes, current.routes, {
    subject: 'route',
    key: (r) => `${r.method} ${r.path}`,
    range: (r) => r,
    policy: (r) => r.policy
  });
  compare(diff, accepted.actions, current.actions, {
    subject: 'action',
    key: (a) => `${a.collection} action ${a.action}`,
    range: (a) => a,
    policy: (a) => a.policy
  });
  // A plan written before processors were recorded says nothing about them.
  if (accepted.processors !== undefined)
    compare(diff, accepted.processors, current.processors ?? [], {
      subject: 'processor',
      key: processorKey,
      policy: (p) => p.policy
    });
  compare(diff, accepted.fields, current.fields, {
    subject: 'field',
    key: (f) => `${f.collection} ${f.target}: ${f.at} ${f.field}`
  });
  return diff;
}

function compare<T>(diff: PlanDiff, before: T[], after: T[], listing: Listing<T>): void {
  const old = new Map(before.map((item) => [listing.key(item), item]));
  const now = new Map(after.map((item) => [listing.key(item), item]));
  for (const [key, item] of old) {
    const still = now.get(key);
    if (still === undefined)
      diff.breaking.push({ subject: listing.subject, message: `removed: ${key}` });
    else {
      if (listing.range)
        compareRange(diff, listing.subject, key, listing.range(item), listing.range(still));
      if (listing.policy) comparePolicy(diff, key, listing.policy(item), listing.policy(still));
    }
  }
  for (const key of now.keys()) {
    if (!old.has(key)) diff.additive.push({ subject: listing.subject, message: `added: ${key}` });
  }
}

function compareRange(
  diff: PlanDiff,
  subject: PlanChange['subject'],
  what: string,
  before: PlanRange,
  after: PlanRange
): void {
  if (before.minVersion === after.minVersion && before.maxVersion === after.maxVersion) return;
  const narrowed =
    order(after.minVersion, -1) > order(before.minVersion, -1) ||
    order(after.maxVersion, 1) < order(before.maxVersion, 1);
  const message = `${what}: microversions ${text(before)} -> ${text(after)}`;
  (narrowed ? diff.breaking : diff.additive).push({
    subject,
    message: `${narrowed ? 'narrowed' : 'widened'}: ${message}`
  });
}

/**
 * A policy letting fewer personas in (or an unknown change) is breaking; more, or the same
 * through another rule, additive. Its sub-rules compare the same way, by name; one added or
 * removed is breaking (a new check may refuse callers served before; a removed one leaves
 * what it allowed unknown). A plan written before sub-rules were recorded compares none.
 */
function comparePolicy(
  diff: PlanDiff,
  what: string,
  before: PlanPolicy | null | undefined,
  after: PlanPolicy | null | undefined
): void {
  if (before === undefined) return;
  compareRule(diff, `${what}: policy`, before && ruleOf(before), after ? ruleOf(after) : null);
  if (!before?.subRules || !after) return;
  const now = new Map((after.subRules ?? []).map((rule) => [rule.rule, rule]));
  for (const rule of before.subRules) {
    const still = now.get(rule.rule);
    if (still === undefined)
      diff.breaking.push({
        subject: 'policy',
        message: `removed: ${what}: sub-rule ${ruleText(rule)} (what it allowed is unknown now)`
      });
    else compareRule(diff, `${what}: sub-rule`, rule, still);
    now.delete(rule.rule);
  }
  for (const rule of now.values())
    diff.breaking.push({
      subject: 'policy',
      message: `added: ${what}: sub-rule ${ruleText(rule)} (a new check may refuse callers served before)`
    });
}

/** Compares one rule (`what` names it) on both sides, as comparePolicy says. */
function compareRule(
  diff: PlanDiff,
  what: string,
  before: PlanRule | null,
  after: PlanRule | null
): void {
  if (JSON.stringify(before) === JSON.stringify(after)) return;
  const change = `${what} ${ruleText(before)} -> ${ruleText(after)}`;
  const was = before?.allowed;
  const now = after?.allowed;
  if (!was || !now) {
    diff.breaking.push({
      subject: 'policy',
      message: `changed: ${change} (who passes is unknown)`
    });
    return;
  }
  const lost = was.filter((name) => !now.includes(name));
  const gained = now.filter((name) => !was.includes(name));
  if (lost.length > 0)
    diff.breaking.push({
      subject: 'policy',
      message: `tightened: ${change} (no longer: ${lost.join(', ')})`
    });
  else if (gained.length > 0)
    diff.additive.push({
      subject: 'policy',
      message: `loosened: ${change} (now also: ${gained.join(', ')})`
    });
  else
    diff.additive.push({
      subject: 'policy',
      message: `changed: ${change} (the same callers pass)`
    });
}

/** The rule of a policy without its sub-rules. */
function ruleOf({ rule, check, allowed }: PlanPolicy): PlanRule {
  return { rule, check, allowed };
}

function ruleText(rule: PlanRule | null): string {
  if (rule === null) return 'none';
  return `${rule.rule} "${rule.check ?? '?'}" [${rule.allowed?.join(', ') ?? '?'}]`;
}

/** A version as a comparable number; an open end is below (-1) or above (1) every version. */
function order(version: string | null, open: -1 | 1): number {
  if (version === null) return open * Infinity;
  const parsed = APIVersionRequest.parse(version);
  return parsed.major * 1e6 + parsed.minor;
}

function text(range: PlanRange): string {
  return `${range.minVersion ?? ''}-${range.maxVersion ?? ''}`;
}
