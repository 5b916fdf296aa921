/**
 * `osapi_compute_app_v21` (namespace `wharf.apps`): the app at the end of the API pipeline,
 * which is the host's APIRouter (resolved from the container, where the host registered it).
 * Each API reaching it gets its own handler, whose metrics carry that API's name.
 */
import type { RequestHandler } from 'express';
import type { AppFactory } from '../pipeline/types.js';
import { API_ROUTER } from '../tokens.js';
import type { APIRouter } from './api-router.js';

/** Factory of the API app: the router's request handler. */
export const routerApp: AppFactory = ({ container, api }): RequestHandler => {
  const handle = container.resolve<APIRouter>(API_ROUTER).handler(api);
  return function osapiComputeApp(req, res) {
    void handle(req, res);
  };
};
routerApp.options = [];
