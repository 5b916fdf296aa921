/**
 * Baseline: bare `node:http`, one hand-written match for the widgets path. The ceiling the
 * frameworks are compared against.
 */
import { createServer } from 'node:http';
import { listenAndAnnounce } from './announce.js';
import { widgetBody } from './widget-api.js';

const PREFIX = '/v2.1/widgets/';

const server = createServer((request, response) => {
  const url = request.url ?? '';
  const id = url.startsWith(PREFIX) ? url.slice(PREFIX.length) : '';
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
});

await listenAndAnnounce(server);
