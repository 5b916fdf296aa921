/** The fixture API (tests/fixtures/api) behind a real HTTP server on 127.0.0.1. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { APIRouter, type APIRouterOptions } from '../../core/api/api-router.js';
import { createContext, setContext } from '../../core/context.js';
import { EntryPointCatalog } from '../../core/index.js';
import { givenCapturedLogger, type CapturedLogger } from './capture-logger.js';

/** The compiled API fixture folder. */
export const API_FIXTURES = fileURLToPath(new URL('../fixtures/api/', import.meta.url));

/** Loads the fixture extension set through discovery, serving 2.1 to 2.3. */
export async function givenFixtureRouter(
  options: APIRouterOptions = {}
): Promise<{ router: APIRouter } & CapturedLogger> {
  const captured = givenCapturedLogger();
  const catalog = await EntryPointCatalog.discover({
    manifest: `${API_FIXTURES}entry-points.json`,
    scanNodeModules: false,
    cacheDir: null
  });
  const router = await APIRouter.create(undefined, {
    catalog,
    logger: captured.logger,
    minVersion: '2.1',
    maxVersion: '2.3',
    ...options
  });
  return { router, ...captured };
}

/** A running server for a router; `X-Test-Project` sets the caller's project. */
export interface ApiServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Serves the router's handler on a free loopback port. */
export async function givenApiServer(
  router: APIRouter,
  logger = givenCapturedLogger().logger
): Promise<ApiServer> {
  const handle = router.handler('osapi_compute');
  const server = createServer((req, res) => {
    const project = req.headers['x-test-project'];
    setContext(
      req,
      createContext({
        logger,
        ...(typeof project === 'string' ? { projectId: project, userId: 'u' } : {})
      })
    );
    void handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  };
}
