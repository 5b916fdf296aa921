/**
 * The one last-resort error answer. Every error nothing else answered ends here: the
 * `faultwrap` filter's error sink, the API router's catch, the host's handler after the
 * pipeline and the HTTP server's guard around a handler that throws synchronously. So every
 * failure is logged with one line shape and answered the same way:
 *
 * - the client went away mid-request: one info line, the response is ended, nothing sent;
 * - the response has already ended: one warn line, nothing else can be done;
 * - the response has already started: one line, and the connection is destroyed (the
 *   client sees a truncated response, not a corrupt one);
 * - otherwise one line and the fault.
 *
 * A server-side failure (anything whose fault is a 5xx, except a quarantine's 503, which was
 * logged when the extension was quarantined) is logged at error level with the stack (of the
 * wrapped cause when there is one) and the extension at fault; an expected HTTP error at
 * debug level (warn when it cuts a started response).
 *
 * Every line carries `requestId`, `method`, `path`, `status` and `error` (the message).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createContext, findContext, newRequestId, type RequestContext } from '../context.js';
import {
  ClientDisconnectedError,
  ExtensionFaultError,
  ExtensionQuarantinedError
} from '../errors.js';
import { defaultLogger, type Logger } from '../logger.js';
import { buildFault, sendFault } from './faults.js';
import { OPENSTACK_REQUEST_ID_HEADER } from './request-id-headers.js';

/** The fields of every line the answerer logs. */
interface FailureFields {
  requestId: string;
  method: string | undefined;
  path: string | undefined;
  status: number;
  error: string;
  extension?: string;
  stack?: string;
}

/**
 * Answers `error` for one request (see the module comment). `logger` is where a request
 * that no filter gave a context yet is logged (default: the process logger).
 */
export function answerError(
  error: unknown,
  req: IncomingMessage,
  res: ServerResponse,
  logger?: Logger
): void {
  const context = findContext(req) ?? contextOf(res, logger);
  const fields = failureFields(error, req, context);
  const { logger: log } = context;
  if (error instanceof ClientDisconnectedError) {
    log.info(error.message, fields);
    res.destroy();
    return;
  }
  if (res.writableEnded) {
    log.warn(`request failed after its response was sent: ${fields.error}`, fields);
    return;
  }
  const serverSide = fields.stack !== undefined;
  if (res.headersSent) {
    const line = `request failed mid-response; connection closed: ${fields.error}`;
    if (serverSide) log.error(line, fields);
    else log.warn(line, fields);
    res.destroy();
    return;
  }
  if (serverSide) log.error(`request failed: ${fields.error}`, fields);
  else log.debug(`request refused: ${fields.error}`, fields);
  sendFault(res, error);
}

/** A context for a request no filter reached: the id the server gave its response. */
function contextOf(res: ServerResponse, logger: Logger | undefined): RequestContext {
  const given = res.getHeader(OPENSTACK_REQUEST_ID_HEADER);
  return createContext({
    requestId: typeof given === 'string' ? given : newRequestId(),
    logger: logger ?? defaultLogger()
  });
}

function failureFields(
  error: unknown,
  req: IncomingMessage,
  context: RequestContext
): FailureFields {
  const { status } = buildFault(error);
  const fields: FailureFields = {
    requestId: context.requestId,
    method: req.method,
    path: (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url,
    status,
    error: error instanceof Error ? error.message : String(error)
  };
  const extension = error instanceof ExtensionFaultError ? error.extension : context.extension;
  if (extension !== null) fields.extension = extension;
  if (status >= 500 && !(error instanceof ExtensionQuarantinedError)) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    fields.stack = cause instanceof Error ? cause.stack : String(cause);
  }
  return fields;
}
