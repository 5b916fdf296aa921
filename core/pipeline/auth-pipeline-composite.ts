/**
 * `auth_pipeline` (namespace `wharf.composites`; nova's
 * `nova.api.auth:pipeline_factory_v21`): one `STRATEGY = filter ... app` line per auth
 * strategy, and wharf.conf's `[api] auth_strategy` picks the line that runs. Any key may
 * be a strategy (`noauth2`, `keystone`, `token`...); a strategy the composite has no line
 * for stops start-up, naming the lines it has.
 */
import type { CompositeFactory, CompositeReference, LocalEntry } from './types.js';

function pipelinesOf(
  entries: readonly LocalEntry[],
  fail: (line: number, problem: string) => Error
): CompositeReference[] {
  if (entries.length === 0) throw fail(0, 'defines no "strategy = filter ... app" line');
  return entries.flatMap(({ key, value, line }) => {
    const names = value.split(/\s+/).filter((name) => name !== '');
    if (names.length === 0) throw fail(line, `has an empty pipeline "${key}"`);
    const last = names.length - 1;
    return names.map((name, index) => ({
      name,
      line,
      role: index === last ? ('app' as const) : ('filter' as const),
      where: `pipeline "${key}"`
    }));
  });
}

/** Factory of the auth-strategy composite. */
export const authPipelineComposite: CompositeFactory = ({
  entries,
  loader,
  authStrategy,
  fail
}) => {
  pipelinesOf(entries, fail);
  const chosen = entries.find((entry) => entry.key === authStrategy);
  if (!chosen) {
    const known = entries.map((entry) => entry.key).join(', ');
    throw fail(0, `has no pipeline for auth strategy "${authStrategy}" (it defines: ${known})`);
  }
  return loader.pipeline(
    chosen.value.split(/\s+/).filter((name) => name !== ''),
    chosen.line
  );
};
authPipelineComposite.references = pipelinesOf;
