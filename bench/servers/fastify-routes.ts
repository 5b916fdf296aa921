/**
 * The anchor: Fastify with the same routes as the wharf servers and the same per-request
 * work as wharf's default pipeline, written the way a Fastify user would:
 *
 * - a request id `req-<uuid4>` (`genReqId`), echoed in `x-openstack-request-id` and
 *   `x-compute-request-id`;
 * - one request log line at `info` when the response is sent (Fastify's own logger, pino,
 *   its per-request child logger carrying the id; the line in nova's text with the same
 *   fields as wharf's), handed to a stream that discards it, as the wharf servers' lines are;
 * - an auth hook reading `X-Auth-Token` as `noauth2` does (401 without one);
 * - the microversion: the request's version header parsed and checked against the API's
 *   range (406 outside it), and the three version headers on every response;
 * - the routes: `GET /v2.1/{collection}/{id}` for every collection, each also under
 *   `/v2.1/{project_id}`, and `POST /v2.1/widgets/{id}/action` whose body must satisfy the
 *   same JSON schema as the synthetic `bench-poke` action (202, empty body).
 *
 * Argument: the route count (default 1000). See `fastify-bare.ts` for Fastify alone.
 */
import { Writable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { announceListening, BENCH_HOST, boundPort } from './announce.js';
import { collectionNames, routeCountArgument, widgetBody } from './widget-api.js';
import { POKE_SCHEMA } from '../wharf/generate-api-extensions.js';

/** The API's microversion range (the compute API's, as wharf's router declares it). */
const MIN_VERSION = [2, 1] as const;
const MAX_VERSION = [2, 96] as const;
const VERSION_PATTERN = /^(\d+)\.(\d+)$/;

type Version = readonly [number, number];

/** Whether `a` comes before `b`. */
function before(a: Version, b: Version): boolean {
  return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
}

/** The requested version (the headers nova reads; absent: the minimum), null if refused. */
function requestedVersion(request: FastifyRequest): Version | null {
  const header = request.headers['openstack-api-version'];
  const text =
    typeof header === 'string' && header.startsWith('compute ')
      ? header.slice('compute '.length).trim()
      : request.headers['x-openstack-nova-api-version'];
  if (typeof text !== 'string' || text === '') return MIN_VERSION;
  if (text === 'latest') return MAX_VERSION;
  const match = VERSION_PATTERN.exec(text);
  if (match === null) return null;
  const version: Version = [Number(match[1]), Number(match[2])];
  return before(version, MIN_VERSION) || before(MAX_VERSION, version) ? null : version;
}

const app = Fastify({
  logger: {
    level: 'info',
    stream: new Writable({ write: (_chunk, _encoding, done) => done() })
  },
  disableRequestLogging: true,
  genReqId: () => `req-${randomUUID()}`
});

declare module 'fastify' {
  interface FastifyRequest {
    caller: { user: string; project: string; roles: string[] } | null;
    microversion: string;
  }
}
app.decorateRequest('caller', null);
app.decorateRequest('microversion', '');

function fault(reply: FastifyReply, code: number, name: string, message: string): FastifyReply {
  return reply.code(code).send({ [name]: { code, message } });
}

app.addHook('onRequest', async (request, reply) => {
  reply.header('x-openstack-request-id', request.id);
  reply.header('x-compute-request-id', request.id);
  const token = request.headers['x-auth-token'];
  const text = typeof token === 'string' ? token : '';
  const colon = text.indexOf(':');
  const user = colon === -1 ? text : text.slice(0, colon);
  if (user === '') return fault(reply, 401, 'unauthorized', 'Authentication required');
  const project = (colon === -1 ? '' : text.slice(colon + 1)) || user;
  request.caller = { user, project, roles: user === 'admin' ? ['admin', 'member'] : ['member'] };
  const version = requestedVersion(request);
  if (version === null) {
    return fault(reply, 406, 'computeFault', 'Version not supported by the API');
  }
  request.microversion = `${version[0]}.${version[1]}`;
  reply.header('openstack-api-version', `compute ${request.microversion}`);
  reply.header('x-openstack-nova-api-version', request.microversion);
  reply.header('vary', 'OpenStack-API-Version, X-OpenStack-Nova-API-Version');
});

app.addHook('onResponse', async (request, reply) => {
  const length = reply.getHeader('content-length');
  const seconds = reply.elapsedTime / 1000;
  request.log.info(
    {
      method: request.method,
      path: request.url,
      status: reply.statusCode,
      length: length === undefined ? null : Number(length),
      timeMs: Math.round(reply.elapsedTime * 1000) / 1000,
      microversion: request.microversion,
      remoteAddress: request.ip
    },
    `${request.ip} "${request.method} ${request.url}" status: ${reply.statusCode} ` +
      `len: ${length ?? '-'} microversion: ${request.microversion} time: ${seconds.toFixed(4)}`
  );
});

for (const collection of collectionNames(routeCountArgument())) {
  const show = async (request: FastifyRequest<{ Params: { id: string } }>) =>
    collection === 'widgets' ? widgetBody(request.params.id) : { collection };
  app.get(`/v2.1/${collection}/:id`, show);
  app.get(`/v2.1/:project_id/${collection}/:id`, show);
}
app.post('/v2.1/widgets/:id/action', { schema: { body: POKE_SCHEMA } }, async (_request, reply) =>
  reply.code(202).send()
);

await app.listen({ port: 0, host: BENCH_HOST });
announceListening(boundPort(app.server));
