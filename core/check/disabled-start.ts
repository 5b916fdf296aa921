/**
 * Conformance: the host still checks clean with any one API extension of a drop-in package
 * disabled, as an operator may do; an alias whose absence breaks another extension (one that
 * extends its collection, say) is reported with what broke. Each alias is judged as if
 * disabled alone, but the host checks are grouped (culprit-search.ts), so a package of a
 * thousand aliases costs a few dozen host checks instead of a thousand.
 */
import type { APIRouter } from '../api/api-router.js';
import type { HostOptions } from '../server/host.js';
import { singleCulprits } from './culprit-search.js';
import { apiExtensionsOf } from './dropin-packages.js';
import { checkHost } from './host-problems.js';
import type { Problem } from './problem.js';

/**
 * One problem per problem a host check finds (beyond `hostProblems`, those of the host as
 * configured) with one of the package's aliases disabled, naming that alias.
 */
export async function disabledStartProblems(
  router: APIRouter,
  dir: string,
  options: HostOptions,
  hostProblems: readonly Problem[]
): Promise<Problem[]> {
  const known = new Set(hostProblems.map((problem) => problem.message));
  const aliases = apiExtensionsOf(router, dir).map((extension) => extension.obj!.alias);
  const culprits = await singleCulprits(aliases, async (disabled) =>
    (await checkHost(withDisabled(options, disabled))).problems.filter(
      (problem) => !known.has(problem.message)
    )
  );
  return [...culprits].flatMap(([alias, problems]) =>
    problems.map((problem) => ({
      kind: 'disabled-start' as const,
      message: `with "${alias}" disabled (${dir}), the host does not check clean: ${problem.kind}: ${problem.message}`,
      extensions: [alias, ...problem.extensions.filter((name) => name !== alias)]
    }))
  );
}

function withDisabled(options: HostOptions, aliases: readonly string[]): HostOptions {
  const { config } = options;
  return {
    ...options,
    config: {
      ...config,
      extensions: { ...config.extensions, disabled: [...config.extensions.disabled, ...aliases] }
    }
  };
}
