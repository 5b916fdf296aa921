/**
 * Writing a controller's response: status, extra headers and the JSON body (none for an
 * empty result or a 204). Written straight to node's response, without Express's helpers,
 * because it runs on every request; wharf's own headers go to the response's header list
 * (core/http/owned-headers.ts), the controller's through `setHeader` (they are not
 * validated yet).
 */
import type { ServerResponse } from 'node:http';
import { setResponseHeader } from '../http/owned-headers.js';
import type { ResponseObject } from './response-object.js';

/** Sends `response` with status `code`. */
export function sendResponse(res: ServerResponse, code: number, response: ResponseObject): void {
  res.statusCode = code;
  for (const name in response.headers) res.setHeader(name, response.headers[name]!);
  const obj = response.obj;
  if (obj === undefined || obj === null || code === 204 || code === 304) {
    if (code !== 204 && code !== 304) setResponseHeader(res, 'Content-Length', 0);
    res.end();
    return;
  }
  const payload = JSON.stringify(obj);
  setResponseHeader(res, 'Content-Type', 'application/json');
  setResponseHeader(res, 'Content-Length', Buffer.byteLength(payload));
  res.end(payload);
}
