/**
 * Baseline: LoopBack 4 (`@loopback/rest`) with many handler routes added with
 * `app.route('get', '/v2.1/collectionNNNN/{id}', spec, handler)`, the widgets route ten
 * from the end. Argument: the route count (default 1000).
 */
import { RestApplication, type OperationObject } from '@loopback/rest';
import { announceListening, BENCH_HOST } from './announce.js';
import { collectionNames, routeCountArgument, widgetBody } from './widget-api.js';

const app = new RestApplication({
  rest: {
    host: BENCH_HOST,
    port: 0,
    openApiSpec: { setServersFromRequest: true },
    apiExplorer: { disabled: true }
  }
});

function operation(collection: string): OperationObject {
  return {
    operationId: `show-${collection}`,
    parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
    responses: { '200': { description: `one ${collection} item` } }
  };
}

for (const collection of collectionNames(routeCountArgument())) {
  app.route('get', `/v2.1/${collection}/{id}`, operation(collection), (id: string) =>
    collection === 'widgets' ? widgetBody(id) : { collection }
  );
}

await app.start();
const url = new URL(app.restServer.url ?? '');
announceListening(Number(url.port));
