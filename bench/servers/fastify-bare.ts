/**
 * Orientation: bare Fastify (no logger, no hooks) with the many-routes servers' flat
 * routes, `GET /v2.1/{collection}/{id}` (widgets ten from the end). Argument: the route
 * count (default 1000).
 */
import Fastify from 'fastify';
import { announceListening, BENCH_HOST, boundPort } from './announce.js';
import { collectionNames, routeCountArgument, widgetBody } from './widget-api.js';

const app = Fastify({ logger: false });
for (const collection of collectionNames(routeCountArgument())) {
  app.get<{ Params: { id: string } }>(`/v2.1/${collection}/:id`, async (request) =>
    collection === 'widgets' ? widgetBody(request.params.id) : { collection }
  );
}

await app.listen({ port: 0, host: BENCH_HOST });
announceListening(boundPort(app.server));
