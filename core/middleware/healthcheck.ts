/**
 * `healthcheck` (namespace `wharf.apps`): the load balancer's probe, mounted outside the
 * authenticated pipeline. `GET` or `HEAD` on its mount root or on `/healthcheck` answers 200
 * `OK` as text/plain, or `{"status": "OK"}` when the client accepts JSON. Other paths are a
 * 404 fault, other methods a 405 fault naming `GET, HEAD`.
 */
import type { RequestHandler } from 'express';
import { sendFault } from '../http/faults.js';
import { HTTPMethodNotAllowed, HTTPNotFound } from '../errors.js';
import type { AppFactory } from '../pipeline/types.js';

const TEXT_BODY = Buffer.from('OK');
const JSON_BODY = Buffer.from(JSON.stringify({ status: 'OK' }));
const PATHS = new Set(['', '/', '/healthcheck', '/healthcheck/']);

/** Factory of the `healthcheck` app (no options). */
export const healthcheckApp: AppFactory = (): RequestHandler =>
  function healthcheck(req, res) {
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    if (!PATHS.has(query === -1 ? url : url.slice(0, query))) {
      sendFault(res, new HTTPNotFound());
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendFault(res, new HTTPMethodNotAllowed(['GET', 'HEAD']));
      return;
    }
    const json = req.headers.accept?.includes('application/json') ?? false;
    const body = json ? JSON_BODY : TEXT_BODY;
    res.statusCode = 200;
    res.setHeader('Content-Type', json ? 'application/json' : 'text/plain; charset=UTF-8');
    res.setHeader('Content-Length', body.length);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Vary', 'Accept');
    if (req.method === 'HEAD') res.end();
    else res.end(body);
  };
healthcheckApp.options = [];
