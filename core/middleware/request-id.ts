/**
 * `request_id`: gives every request its context, with a fresh `req-<uuid4>` id and a logger
 * whose lines carry it, and echoes the id in `x-openstack-request-id` and
 * `x-compute-request-id` on every response (the headers are set before anything else can
 * answer, so faults carry them too). An incoming `X-Openstack-Request-Id` of the same form
 * is kept as the global request id: it goes into the logs, never back to the client.
 */
import type { RequestHandler } from 'express';
import { createRequestContext, newRequestId, setContext } from '../context.js';
import {
  COMPUTE_REQUEST_ID_HEADER,
  OPENSTACK_REQUEST_ID_HEADER
} from '../http/request-id-headers.js';
import { setResponseHeader } from '../http/owned-headers.js';
import type { FilterFactory } from '../pipeline/types.js';

const GLOBAL_REQUEST_ID =
  /^req-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Factory of the `request_id` filter (no options). */
export const requestIdFilter: FilterFactory = ({ logger }): RequestHandler =>
  function requestId(req, res, next) {
    // The HTTP server already gave the response an id and its headers (see
    // http-server.ts); keep them. Setting a header is one of the dearer calls of a request.
    const given = res.getHeader(OPENSTACK_REQUEST_ID_HEADER);
    let id: string;
    if (typeof given === 'string') id = given;
    else {
      id = newRequestId();
      setResponseHeader(res, OPENSTACK_REQUEST_ID_HEADER, id);
      setResponseHeader(res, COMPUTE_REQUEST_ID_HEADER, id);
    }
    const incoming = req.headers[OPENSTACK_REQUEST_ID_HEADER];
    const globalRequestId =
      typeof incoming === 'string' && GLOBAL_REQUEST_ID.test(incoming) ? incoming : null;
    setContext(req, createRequestContext(id, globalRequestId, logger));
    next();
  };
requestIdFilter.options = [];
