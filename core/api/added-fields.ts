/**
 * The start-up checks of declared response fields (`@addsFields`): every extension method
 * must extend a method or action its resource has (else a recorded problem, as for a
 * missing collection: it would never run), and no two extensions may add the same field to
 * the same response (an ExtensionConflictError naming both, which stops start-up).
 */
import { ExtensionConflictError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { DispatchPlan } from './dispatch-plan.js';
import type { Resource } from './resource.js';
import type { AssemblyProblem } from './route-assembly.js';

/** One field added to a response, and who adds it. */
export interface AddedField {
  /** Where it goes: `server`, or `servers[]` for every item. */
  at: string;
  field: string;
  schema: object | boolean;
  /** Alias of the extension adding it. */
  extension: string;
}

/** The fields a plan's post-processors add, in the order they run. */
export function addedFieldsOf(plan: DispatchPlan): AddedField[] {
  return plan.post.flatMap(({ spec, owner }) =>
    spec.addedFields.flatMap(({ at, fields }) =>
      Object.entries(fields).map(([field, schema]) => ({ at, field, schema, extension: owner }))
    )
  );
}

/** Checks every sealed resource; returns the problems found and throws on a field conflict. */
export function checkAddedFields(resources: Iterable<Resource>, logger: Logger): AssemblyProblem[] {
  const problems: AssemblyProblem[] = [];
  for (const resource of resources) {
    for (const { spec, owner, controller } of resource.ownExtensionMethods()) {
      if (resource.hasTarget(spec.target)) continue;
      const message = `extension ${owner}: ${controller}.${spec.property}() extends ${spec.target.kind} "${spec.target.name}" of "${resource.collection}", which does not exist; it never runs`;
      logger.warn(message);
      problems.push({ kind: 'missing-target', message, extensions: [owner] });
    }
    for (const { kind, name, plan } of resource.plans()) {
      const seen = new Map<string, string>();
      for (const { at, field, extension } of addedFieldsOf(plan)) {
        const key = `${at} ${field}`;
        const other = seen.get(key);
        if (other !== undefined && other !== extension) {
          throw new ExtensionConflictError(
            `extensions ${other} and ${extension} both add the field "${field}" to "${at}" of ${resource.collection} ${kind} ${name}`,
            [other, extension]
          );
        }
        seen.set(key, extension);
      }
    }
  }
  return problems;
}
