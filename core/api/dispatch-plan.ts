/**
 * Dispatch plans: for each method and action of a resource, the main handler and the
 * extension methods that wrap it, worked out once when the resource is sealed so that a
 * request only walks short arrays.
 */
import type { ExtensionMethodSpec, MethodSpec } from './controller-descriptor.js';

/** A handler and the extension that contributed it. */
export interface Owned<S> {
  /** What the handler runs and declares. */
  spec: S;
  /** Alias of the contributing extension. */
  owner: string;
  /** Class name of the controller the handler belongs to. */
  controller: string;
}

/** Everything one method or action runs, in order. */
export interface DispatchPlan {
  /** The method or action itself, between the pre- and post-processors. */
  main: Owned<MethodSpec>;
  /** Pre-processing extension methods, in registration order. */
  pre: Owned<ExtensionMethodSpec>[];
  /** Post-processing extension methods, last registered first (as nova runs them). */
  post: Owned<ExtensionMethodSpec>[];
}

/** Builds the plan of one handler from every extension method that targets it. */
export function buildPlan(
  kind: 'method' | 'action',
  name: string,
  main: Owned<MethodSpec>,
  extensions: readonly Owned<ExtensionMethodSpec>[]
): DispatchPlan {
  const targeting = extensions.filter(
    ({ spec }) => spec.target.kind === kind && spec.target.name === name
  );
  return {
    main,
    pre: targeting.filter(({ spec }) => spec.phase === 'pre'),
    post: targeting.filter(({ spec }) => spec.phase === 'post').reverse()
  };
}
