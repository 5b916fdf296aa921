/**
 * Conformance of one drop-in package, beyond what the host-level check finds: it imports in
 * isolation, passes its type check, each of its API extensions declares routes, actions or
 * extension methods, and the host still checks clean with each of its aliases disabled.
 */
import type { APIRouter } from '../api/api-router.js';
import type { HostOptions } from '../server/host.js';
import { apiExtensionsOf } from './dropin-packages.js';
import { disabledStartProblems } from './disabled-start.js';
import type { HostCheck } from './host-problems.js';
import { isolatedImportProblems } from './isolated-import.js';
import type { Problem } from './problem.js';
import { typeCheckProblems } from './type-check.js';

/**
 * The package-level problems of the drop-in package in `dir`, within the host `options`
 * whose host-level check found `host`.
 */
export async function packageProblems(
  dir: string,
  options: HostOptions,
  host: HostCheck
): Promise<Problem[]> {
  const { router, problems: hostProblems } = host;
  const [imports, types] = await Promise.all([
    isolatedImportProblems(dir, host.failures),
    typeCheckProblems(dir)
  ]);
  const problems = [...imports, ...types];
  if (router) {
    problems.push(...declarationProblems(router, dir));
    problems.push(...(await disabledStartProblems(router, dir, options, hostProblems)));
  }
  return problems;
}

function declarationProblems(router: APIRouter, dir: string): Problem[] {
  const problems: Problem[] = [];
  for (const extension of apiExtensionsOf(router, dir)) {
    const alias = extension.obj!.alias;
    const record = router.registry.get(alias);
    if (!record || record.entryPoint !== extension.name) continue;
    if (record.resources.length + record.actions.length + record.extendedMethods.length > 0)
      continue;
    problems.push({
      kind: 'declarations',
      message: `extension ${alias} (${extension.target} in ${dir}) declares no resource, action or extension method: it adds nothing to the API`,
      extensions: [alias]
    });
  }
  return problems;
}
