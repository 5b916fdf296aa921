/**
 * What the API does with the routing table's answers other than "dispatch this": a
 * redirect route (routes' `Mapper.redirect`) is answered here with its status and
 * `Location`, and a `.{format}` suffix the API does not serve is a 415. nova's APIMapper
 * accepted `json|xml` suffixes and, XML support gone, answered `.xml` with JSON anyway;
 * wharf says so instead.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTPUnsupportedMediaType } from '../errors.js';
import { publicBaseUrl } from '../http/public-url.js';
import { FORMAT_PARAM, type RedirectMatch } from '../routing/index.js';
import { ResponseObject } from './response-object.js';
import { sendResponse } from './send-response.js';

/** The one format the API answers in. */
export const SERVED_FORMAT = 'json';

/**
 * Answers a redirect route: a target path is rooted at the API's public URL (as routes put
 * SCRIPT_NAME in front), a full URL is sent as it is.
 */
export function answerRedirect(
  req: IncomingMessage,
  res: ServerResponse,
  match: RedirectMatch
): void {
  const location = match.location.startsWith('/')
    ? `${publicBaseUrl(req)}${match.location}`
    : match.location;
  sendResponse(
    res,
    match.redirect.status,
    new ResponseObject(null, { headers: { Location: location } })
  );
}

/** Throws 415 when a `.{format}` suffix asked for anything but JSON. */
export function checkFormat(params: Readonly<Record<string, string>>): void {
  const format = params[FORMAT_PARAM];
  if (format === undefined || format === SERVED_FORMAT) return;
  throw new HTTPUnsupportedMediaType(`The .${format} format is not served: this API answers JSON`);
}
