/**
 * Setup helpers shared by the middleware tests: factory contexts, a real Express 5 app in
 * front of the filters, a captured JSON log, and a server on 127.0.0.1 for raw node:http
 * clients.
 */
import 'reflect-metadata';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import express, {
  type Express,
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response
} from 'express';
import { container, type DependencyContainer } from 'tsyringe';
import { createLogger, type Logger } from '../../../core/logger.js';
import { raiseError } from '../../../core/http/error-sink.js';
import type { FactoryContext, FilterFactory } from '../../../core/pipeline/types.js';
import { CONFIG } from '../../../core/tokens.js';

/** A logger that writes nothing. */
export const quietLogger: Logger = createLogger({ silent: true });

/** A factory context with `localConf` and optional logger or container. */
export function givenFactoryContext(
  localConf: Record<string, string> = {},
  overrides: { logger?: Logger; container?: DependencyContainer } = {}
): FactoryContext {
  return {
    globalConf: {},
    localConf,
    api: 'osapi_compute',
    container: overrides.container ?? container.createChildContainer(),
    logger: overrides.logger ?? quietLogger
  };
}

/** A child of the host container holding `config` as the host configuration. */
export function givenConfigContainer(config: Record<string, unknown>): DependencyContainer {
  const child = container.createChildContainer();
  child.register(CONFIG, { useValue: config });
  return child;
}

/** The filter a factory builds from `localConf`. */
export async function givenFilter(
  factory: FilterFactory,
  localConf: Record<string, string> = {},
  overrides: { logger?: Logger; container?: DependencyContainer } = {}
): Promise<RequestHandler> {
  return factory(givenFactoryContext(localConf, overrides));
}

/** The app at the end of the test pipelines: 200 `{"ok": true}`. */
export const okHandler: RequestHandler = function ok(_req, res) {
  res.json({ ok: true });
};

/**
 * A real Express 5 app: the filters in order, then `handler`; errors are routed the way the
 * pipeline composer routes them (`raiseError`, then Express's own final handler).
 */
export function givenApp(filters: RequestHandler[], handler: RequestHandler = okHandler): Express {
  const app = express();
  for (const filter of filters) app.use(filter);
  app.use(handler);
  app.use((error: unknown, req: Request, res: Response, next: NextFunction) =>
    raiseError(error, req, res, next)
  );
  return app;
}

/** A JSON logger whose lines are collected in `lines`. */
export function givenLogCapture(level = 'debug'): {
  logger: Logger;
  lines: Record<string, unknown>[];
} {
  const stream = new PassThrough();
  const lines: Record<string, unknown>[] = [];
  let pending = '';
  stream.on('data', (chunk: Buffer) => {
    const parts = (pending + chunk.toString()).split('\n');
    pending = parts.pop() ?? '';
    for (const part of parts) if (part !== '') lines.push(JSON.parse(part));
  });
  return { logger: createLogger({ stream, format: 'json', level }), lines };
}

/** Resolves once `check` holds (polled), or fails after one second. */
export async function eventually(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 1000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met within 1 s');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Listens on 127.0.0.1, port 0; `close` stops the server and its connections. */
export async function givenServer(app: Express): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    port,
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    }
  };
}
