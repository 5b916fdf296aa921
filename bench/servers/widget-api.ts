/**
 * The one API every baseline server serves, so their figures compare like with like:
 * `GET /v2.1/widgets/{id}` answering `{"widget": {"id": "<id>", "name": "w"}}` with status
 * 200. Servers with many routes register `ROUTE_COUNT` flat collection routes with the
 * widgets route near the end, so a router that scans its routes one by one pays for all the
 * routes before it.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';

/** The path every load and first-request run asks for. */
export const WIDGET_PATH = '/v2.1/widgets/42';

/** The number of routes of the "many routes" servers unless their first argument says. */
export const ROUTE_COUNT = 1000;

/** The JSON body a server answers for widget `id`. */
export function widgetBody(id: string): { widget: { id: string; name: string } } {
  return { widget: { id, name: 'w' } };
}

/** The widgets path served by bare `node:http`: one hand-written match, 404 otherwise. */
export function serveWidget(request: IncomingMessage, response: ServerResponse): void {
  const url = request.url ?? '';
  const id = url.startsWith(WIDGETS_PREFIX) ? url.slice(WIDGETS_PREFIX.length) : '';
  if (request.method !== 'GET' || id === '' || id.includes('/')) {
    response.writeHead(404).end();
    return;
  }
  const body = JSON.stringify(widgetBody(id));
  response.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body)
  });
  response.end(body);
}

const WIDGETS_PREFIX = '/v2.1/widgets/';

/** The body expected for `WIDGET_PATH`, as the harness checks it. */
export const EXPECTED_WIDGET_BODY = widgetBody('42');

/**
 * The collection names of a server with `count` routes, in registration order: filler
 * collections `collection0000`, `collection0001`... with `widgets` ten from the end.
 */
export function collectionNames(count: number): string[] {
  const widgetsAt = Math.max(0, count - 10);
  const names: string[] = [];
  for (let index = 0; index < count - 1; index++) {
    names.push(`collection${String(index).padStart(4, '0')}`);
  }
  names.splice(widgetsAt, 0, 'widgets');
  return names;
}

/** The route count a many-routes server was started with (its first argument). */
export function routeCountArgument(argv: readonly string[] = process.argv): number {
  const value = argv[2] === undefined ? ROUTE_COUNT : Number(argv[2]);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`the route count must be a positive integer, not "${argv[2]}"`);
  }
  return value;
}
