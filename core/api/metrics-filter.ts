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
  async function answerScrape(req: Request, res: Response): Promise<void> {
    if (!getContext(req).isAdmin) {
      sendFault(res, new HTTPForbidden('Metrics are for administrators.'));
      return;
    }
    const payload = await scrape(registry);
    res.statusCode = 200;
    res.setHeader('Content-Type', registry.contentType);
    res.setHeader('Content-Length', Buffer.byteLength(payload));
    res.end(payload);
  }
  // Synchronous for every other request: no promise and no split array per request.
  return function metrics(req: Request, res: Response, next: () => void) {
    const url = req.url ?? '/';
    if (req.method !== 'GET' || !(url === '/metrics' || url.startsWith('/metrics?'))) {
      next();
      return;
    }
    return answerScrape(req, res);
  };
};
metricsFilter.options = [];
