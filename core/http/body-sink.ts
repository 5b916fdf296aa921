/**
 * A request body taken as the HTTP parser hands it over. Node's parser gives each chunk of a
 * body to the request's `push`; read the usual way (`data` listeners) every body then goes
 * through the stream's flowing mode: a `resume` turn, `flow`, `read`, the stream's buffer
 * and an `end` turn. For the small JSON bodies of an API that was most of what an action
 * cost over a show on Node 24 (docs/performance.md, "The request path, session 14").
 *
 * wharf's requests (core/server/request-prototypes.ts) are born with an empty sink and
 * this `push`: while the sink is empty it is Node's own. A reader that finds the request
 * untouched (nothing of the body received, no other reader, nobody else's `push`) sets the
 * sink, and the chunks go straight into it; at the end of the body the stream is ended and
 * read to its end (it emits `end`), then the sink's `done` gets the chunks.
 */
import { IncomingMessage } from 'node:http';

/** Where a request's body goes instead of its stream: its chunks, and what to call at its end. */
export interface BodySink {
  chunks: Buffer[];
  done: (chunks: Buffer[]) => void;
}

/** The request's sink: null while its body goes through its stream. */
export const BODY_SINK = Symbol('wharf.body-sink');

/** A request that can take its body through a sink. */
export type SinkingRequest = IncomingMessage & { [BODY_SINK]: BodySink | null };

const streamPush = IncomingMessage.prototype.push;

/** The `push` of wharf's requests: into the sink when there is one, else Node's. */
export function sinkingPush(
  this: SinkingRequest,
  chunk: unknown,
  encoding?: BufferEncoding
): boolean {
  const sink = this[BODY_SINK];
  if (sink === null) return streamPush.call(this, chunk, encoding);
  if (chunk !== null) {
    sink.chunks.push(chunk as Buffer);
    return true;
  }
  this[BODY_SINK] = null;
  streamPush.call(this, null);
  this.read(0);
  sink.done(sink.chunks);
  return false;
}

/**
 * Sends the rest of `req`'s body to `done` through a sink; false, doing nothing, when the
 * request cannot take one (not one of wharf's, or its body already started through the
 * stream, or someone else intercepts its `push`): then read it through the stream.
 */
export function sinkBody(req: IncomingMessage, done: (chunks: Buffer[]) => void): boolean {
  const sinking = req as SinkingRequest;
  if (
    sinking[BODY_SINK] !== null ||
    req.push !== sinkingPush ||
    req.readableFlowing !== null ||
    req.readableLength !== 0 ||
    req.complete
  )
    return false;
  sinking[BODY_SINK] = { chunks: [], done };
  return true;
}
