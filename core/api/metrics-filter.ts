/**
 * `metrics` (namespace `wharf.filters`): answers `GET /metrics` under its API's mount
 * (`/v2.1/metrics`) with the API router's Prometheus metrics (see api-metrics.ts), in the
 * text exposition format. It sits after authentication in the shipped pipelines and serves
 * administrators only (the `admin` role): a caller without it gets a 403 fault. Every other
 * request passes on. Under `--workers N` it serves the aggregate of every worker
 * (cluster-metrics.ts).
 */
import type { Request, Response } from 'express';
import { getContext } from '../context.js';
import { HTTPForbidden } from '../errors.js';
import type { FilterFactory } from '../pipeline/types.js';
import { scrape } from './cluster-metrics.js';
import { API_ROUTER } from '../tokens.js';
import type { APIRouter } from './api-router.js';
import { sendFault } from '../http/faults.js';

/** Factory of the `metrics` filter (no options). */
export const metricsFilter: FilterFactory = ({ container }) => {
  const { registry } = container.resolve<APIRouter>(API_ROUTER).metrics;
  return async function metrics(req: Request, res: Response, next: () => void) {
    const path = (req.url ?? '/').split('?', 1)[0];
    if (path !== '/metrics' || req.method !== 'GET') {
      next();
      return;
    }
    if (!getContext(req).isAdmin) {
      sendFault(res, new HTTPForbidden('Metrics are for administrators.'));
      return;
    }
    const payload = await scrape(registry);
    res.statusCode = 200;
    res.setHeader('Content-Type', registry.contentType);
    res.setHeader('Content-Length', Buffer.byteLength(payload));
    res.end(payload);
  };
};
metricsFilter.options = [];
