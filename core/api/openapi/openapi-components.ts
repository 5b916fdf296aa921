/**
 * The parts of the OpenAPI document every operation shares: the fault body (nova's
 * `{"<name>": {"code", "message"}}`), the microversion request headers and response headers,
 * and one fault response per error status.
 */
import { faultName } from '../../http/faults.js';

/** A JSON object in the document. */
export type Json = Record<string, unknown>;

/** `$ref` to a component. */
export function ref(kind: 'schemas' | 'parameters' | 'headers' | 'responses', name: string): Json {
  return { $ref: `#/components/${kind}/${name}` };
}

/** The request headers naming a microversion, as operation parameters. */
export const VERSION_PARAMETERS = ['OpenStackApiVersion', 'XOpenStackNovaApiVersion'].map((name) =>
  ref('parameters', name)
);

/** The headers every versioned response carries. */
export function versionResponseHeaders(): Json {
  return {
    'OpenStack-API-Version': ref('headers', 'OpenStackApiVersion'),
    'X-OpenStack-Nova-API-Version': ref('headers', 'XOpenStackNovaApiVersion'),
    Vary: ref('headers', 'Vary')
  };
}

/** The response of an error status: its fault body, under nova's name for the status. */
export function faultResponseName(status: number): string {
  return `Fault${status}`;
}

/** The components section for the error statuses used. */
export function components(errorStatuses: Iterable<number>): Json {
  const responses: Json = {};
  for (const status of [...new Set(errorStatuses)].sort((a, b) => a - b)) {
    const name = faultName(status);
    responses[faultResponseName(status)] = {
      description: `${name} fault`,
      headers: versionResponseHeaders(),
      content: {
        'application/json': {
          schema: {
            type: 'object',
            required: [name],
            properties: { [name]: ref('schemas', 'Fault') },
            additionalProperties: false
          }
        }
      }
    };
  }
  return {
    schemas: {
      Fault: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: { type: 'integer', description: 'the HTTP status' },
          message: { type: 'string' },
          retryAfter: { type: 'string', description: 'seconds to wait (413 and 429 only)' }
        }
      }
    },
    parameters: {
      OpenStackApiVersion: {
        name: 'OpenStack-API-Version',
        in: 'header',
        required: false,
        description: 'The microversion requested: `compute 2.1`, or `compute latest`.',
        schema: { type: 'string' }
      },
      XOpenStackNovaApiVersion: {
        name: 'X-OpenStack-Nova-API-Version',
        in: 'header',
        required: false,
        description: 'The microversion requested, the older header: `2.1` or `latest`.',
        schema: { type: 'string' }
      }
    },
    headers: {
      OpenStackApiVersion: {
        description: 'The microversion that served the request: `compute 2.1`.',
        schema: { type: 'string' }
      },
      XOpenStackNovaApiVersion: {
        description: 'The microversion that served the request: `2.1`.',
        schema: { type: 'string' }
      },
      Vary: { description: 'The microversion headers.', schema: { type: 'string' } }
    },
    responses
  };
}
