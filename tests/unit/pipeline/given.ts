/** Setup helpers shared by the pipeline tests. */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response
} from 'express';
import { authPipelineComposite } from '../../../core/pipeline/auth-pipeline-composite.js';
import type { CompositeFactory } from '../../../core/pipeline/types.js';
import { urlmapComposite } from '../../../core/pipeline/urlmap-composite.js';

/** wharf's own composites by entry-point name, for resolvers in tests. */
export const COMPOSITES: Readonly<Record<string, CompositeFactory>> = {
  urlmap: urlmapComposite,
  auth_pipeline: authPipelineComposite
};

/** The composite `name`, or a rejection like the entry-point resolver's. */
export async function givenComposite(name: string): Promise<CompositeFactory> {
  const composite = COMPOSITES[name];
  if (!composite) throw new Error(`no composite ${name}`);
  return composite;
}

/** A bare request object carrying only what the pipeline reads and writes. */
export function givenRequest(url: string): Request {
  return { url, originalUrl: url, baseUrl: '' } as unknown as Request;
}

/** A response object the handlers under test never touch. */
export const RESPONSE = {} as Response;

/** A `next` that records every call. */
export interface RecordingNext extends NextFunction {
  calls: unknown[][];
}

/** Builds a recording `next`. */
export function givenNext(): RecordingNext {
  const calls: unknown[][] = [];
  const next = ((...args: unknown[]) => {
    calls.push(args);
  }) as RecordingNext;
  next.calls = calls;
  return next;
}

/** Resolves once `next` has been called (errors from promises arrive a tick later). */
export async function settled(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
}

/** An Express app on 127.0.0.1 serving `handler`, with JSON 404 and 500 answers after it. */
export async function givenServer(
  handler: RequestHandler
): Promise<{ url: string; server: Server }> {
  const app = express();
  app.use(handler);
  app.use((req, res) => {
    res.status(404).json({ notFound: req.url, baseUrl: req.baseUrl });
  });
  app.use((error: Error, _req: Request, res: Response, _next: NextFunction) => {
    res.status(500).json({ error: error.message, code: (error as { code?: string }).code });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server };
}

/** A handler answering with where it was mounted and what it saw. */
export function echo(name: string): RequestHandler {
  return function echoHandler(req, res) {
    res.json({ app: name, url: req.url, baseUrl: req.baseUrl, originalUrl: req.originalUrl });
  };
}
