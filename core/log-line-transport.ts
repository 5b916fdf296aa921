/**
 * The transport of wharf's root logger: each formatted line, with the platform's end of
 * line, straight to one stream (standard error unless the host gives another). It writes
 * what winston's `Stream` and `Console` transports write, minus their per-line
 * `setImmediate` that emits `logged` whether or not anyone listens (a timer per line, a
 * measurable share of a request's request-log line): here `logged` is emitted, on the
 * next turn as winston's do, only when something listens for it. The request log's lines
 * skip winston's streams altogether and come to `log` directly (`lineWriter` in logger.ts).
 */
import { EOL } from 'node:os';
import type winston from 'winston';
import type TransportStream from 'winston-transport';

const MESSAGE = Symbol.for('message');

type Winston = typeof winston;
type TransformableInfo = winston.Logform.TransformableInfo & { [MESSAGE]?: unknown };

/** Builds the transport class on the given winston (winston itself is loaded lazily). */
export function lineTransportFor(winston: Winston, stream: NodeJS.WritableStream): TransportStream {
  // winston exports the transport base class as `Transport` (its typings call it `transport`).
  const Transport = (winston as unknown as { Transport: typeof TransportStream }).Transport;
  const objectMode = (stream as { writableObjectMode?: boolean }).writableObjectMode === true;

  class LineTransport extends Transport {
    override log(info: TransformableInfo, callback: () => void): void {
      if (this.listenerCount('logged') > 0) setImmediate(() => this.emit('logged', info));
      if (objectMode) (stream as { write(chunk: unknown): boolean }).write(info);
      else stream.write(`${String(info[MESSAGE])}${EOL}`);
      callback();
    }
  }
  return new LineTransport();
}
