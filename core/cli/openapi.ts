/**
 * `wharf openapi [--microversion V] [--out F]`: the OpenAPI 3.1 document of the assembled
 * API, as `GET /v2.1/openapi.json` serves it, without listening.
 */
import type { Command } from 'commander';
import { buildOpenApiDocument } from '../api/openapi/openapi-document.js';
import { createApiRouter, prepareHost } from '../server/host.js';
import { hostOptionsFrom, withCommonOptions, type CommonOptions } from './common-options.js';
import { writeOutput } from './output.js';

/** Adds the options and action of `openapi` to its command. */
export function registerOpenApiCommand(openapi: Command): void {
  withCommonOptions(openapi)
    .option('--microversion <version>', 'describe the API at this microversion (X.Y or latest)')
    .option('--out <file>', 'write the document to a file instead of standard output')
    .action(async (options: CommonOptions & { microversion?: string; out?: string }) => {
      const router = await createApiRouter(await prepareHost(await hostOptionsFrom(options)));
      const document = buildOpenApiDocument(router, {
        ...(options.microversion !== undefined ? { microversion: options.microversion } : {})
      });
      writeOutput(`${JSON.stringify(document, null, 2)}\n`, options.out);
    });
}
