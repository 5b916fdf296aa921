// The API reports of wharf's three public surfaces (`wharf`, `wharf/host`, `wharf/testing`),
// made by @microsoft/api-extractor from the compiled declarations and checked in under api/,
// so a change to a public surface is always a visible diff. `npm run api:update` rewrites
// them (after a build); the test tests/unit/api-reports.test.ts fails when one is stale, and
// when a report has more undocumented declarations than api/undocumented-ceilings.json allows.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Each surface: its report's name and its compiled entry declarations. */
export const SURFACES = [
  { report: 'wharf', entry: 'dist/core/index.d.ts' },
  { report: 'wharf-host', entry: 'dist/core/host.d.ts' },
  { report: 'wharf-testing', entry: 'dist/core/testing.d.ts' }
];

/**
 * Runs api-extractor on every surface. With `update`, rewrites the reports in api/;
 * without, writes nothing there and returns the surfaces whose report differs.
 */
export function apiReports({ update }) {
  const stale = [];
  for (const surface of SURFACES) {
    const config = ExtractorConfig.prepare({
      configObjectFullPath: join(ROOT, 'api', `${surface.report}.json`),
      packageJsonFullPath: join(ROOT, 'package.json'),
      configObject: {
        projectFolder: ROOT,
        mainEntryPointFilePath: join(ROOT, surface.entry),
        compiler: { tsconfigFilePath: join(ROOT, 'tsconfig.json') },
        apiReport: {
          enabled: true,
          reportFileName: `${surface.report}.api.md`,
          reportFolder: join(ROOT, 'api'),
          reportTempFolder: mkdtempSync(join(tmpdir(), 'wharf-api-report-'))
        },
        docModel: { enabled: false },
        dtsRollup: { enabled: false },
        tsdocMetadata: { enabled: false },
        messages: {
          extractorMessageReporting: {
            default: { logLevel: 'none', addToApiReportFile: true },
            'ae-missing-release-tag': { logLevel: 'none', addToApiReportFile: false }
          },
          compilerMessageReporting: { default: { logLevel: 'warning' } },
          tsdocMessageReporting: { default: { logLevel: 'none' } }
        }
      }
    });
    const result = Extractor.invoke(config, {
      localBuild: update,
      // Only compiler errors are printed; report differences are the caller's to tell.
      messageCallback: (message) => {
        if (message.category !== 'Compiler' || message.logLevel !== 'error') message.handled = true;
      }
    });
    if (result.compilerErrorCount > 0) {
      throw new Error(
        `api-extractor: ${surface.entry}: ${result.compilerErrorCount} compiler errors`
      );
    }
    if (result.apiReportChanged && !update) stale.push(surface.report);
  }
  return stale;
}

/**
 * The "forgotten export" warnings of the checked-in reports: a public signature that names a
 * type its surface does not export (an author could not name it). Each as `report: symbol`.
 */
export function forgottenExports() {
  return SURFACES.flatMap((surface) => {
    const text = readFileSync(join(ROOT, 'api', `${surface.report}.api.md`), 'utf8');
    return [...text.matchAll(/\(ae-forgotten-export\) The symbol "([^"]+)"/g)].map(
      (match) => `${surface.report}: ${match[1]}`
    );
  });
}

/**
 * How many declarations of each checked-in report have no doc comment (its ae-undocumented
 * warnings), by report name.
 */
export function undocumentedCounts() {
  return Object.fromEntries(
    SURFACES.map((surface) => {
      const text = readFileSync(join(ROOT, 'api', `${surface.report}.api.md`), 'utf8');
      return [surface.report, text.match(/\(ae-undocumented\)/g)?.length ?? 0];
    })
  );
}

/** The checked-in ceilings of `undocumentedCounts()` (api/undocumented-ceilings.json). */
export function undocumentedCeilings() {
  return JSON.parse(readFileSync(join(ROOT, 'api', 'undocumented-ceilings.json'), 'utf8'));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const update = process.argv.includes('--update');
  const stale = apiReports({ update });
  if (stale.length > 0) {
    process.stderr.write(`stale API reports: ${stale.join(', ')}; run npm run api:update\n`);
    process.exitCode = 1;
  }
  const forgotten = forgottenExports();
  if (forgotten.length > 0) {
    process.stderr.write(`public signatures name unexported types: ${forgotten.join(', ')}\n`);
    process.exitCode = 1;
  }
}
