import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { Server } from 'node:http';
import type { RequestHandler } from 'express';
import { urlmap } from '../../../core/pipeline/urlmap.js';
import { echo, givenNext, givenRequest, givenServer, RESPONSE } from './given.js';

/** What `echo` answers. */
interface Echo {
  app: string;
  url: string;
}

/** A handler recording the url and baseUrl it was called with. */
function givenRecorder(seen: string[][]): RequestHandler {
  return (req) => {
    seen.push([req.url, req.baseUrl]);
  };
}

describe('urlmap', () => {
  const servers: Server[] = [];
  after(() => servers.forEach((server) => server.close()));

  test('dispatches to the longest matching prefix', async () => {
    const { url, server } = await givenServer(
      urlmap([
        { prefix: '/', handler: echo('root') },
        { prefix: '/v2.1', handler: echo('api') },
        { prefix: '/v2.1/admin', handler: echo('admin') }
      ])
    );
    servers.push(server);
    const get = async (path: string) => (await (await fetch(url + path)).json()) as Echo;
    assert.equal((await get('/v2.1/servers')).app, 'api');
    assert.equal((await get('/v2.1/admin/x')).app, 'admin');
    assert.equal((await get('/v2.10')).app, 'root');
    assert.equal((await get('/')).app, 'root');
  });

  test('moves the matched prefix from req.url to req.baseUrl', async () => {
    const { url, server } = await givenServer(urlmap([{ prefix: '/v2.1/', handler: echo('api') }]));
    servers.push(server);
    assert.deepEqual(await (await fetch(`${url}/v2.1/servers?limit=1`)).json(), {
      app: 'api',
      url: '/servers?limit=1',
      baseUrl: '/v2.1',
      originalUrl: '/v2.1/servers?limit=1'
    });
    assert.deepEqual(await (await fetch(`${url}/v2.1?x=1`)).json(), {
      app: 'api',
      url: '/?x=1',
      baseUrl: '/v2.1',
      originalUrl: '/v2.1?x=1'
    });
    assert.equal(((await (await fetch(`${url}/v2.1/`)).json()) as Echo).url, '/');
  });

  test('passes an unmatched URL to next()', async () => {
    const { url, server } = await givenServer(urlmap([{ prefix: '/v2.1', handler: echo('api') }]));
    servers.push(server);
    const response = await fetch(`${url}/v3/x`);
    assert.equal(response.status, 404);
    assert.deepEqual(await response.json(), { notFound: '/v3/x', baseUrl: '' });
  });

  test('restores req.url and req.baseUrl when the target calls next()', () => {
    const passOn: RequestHandler = (_req, _res, next) => next();
    const req = givenRequest('/v2.1/x');
    const next = givenNext();
    urlmap([{ prefix: '/v2.1', handler: passOn }])(req, RESPONSE, next);
    assert.deepEqual([req.url, req.baseUrl, next.calls], ['/v2.1/x', '', [[undefined]]]);
  });

  test('nests: an inner urlmap appends to the outer baseUrl', () => {
    const seen: string[][] = [];
    const inner = urlmap([{ prefix: '/admin', handler: givenRecorder(seen) }]);
    const outer = urlmap([{ prefix: '/v2.1', handler: inner }]);
    outer(givenRequest('/v2.1/admin/users'), RESPONSE, givenNext());
    assert.deepEqual(seen, [['/users', '/v2.1/admin']]);
  });

  test('leaves the URL alone for the / prefix', () => {
    const seen: string[][] = [];
    urlmap([{ prefix: '/', handler: givenRecorder(seen) }])(
      givenRequest('/a/b'),
      RESPONSE,
      givenNext()
    );
    assert.deepEqual(seen, [['/a/b', '']]);
  });
});
