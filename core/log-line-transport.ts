/**
 * The transport of wharf's root logger: each formatted line, with the platform's end of
 * line, straight to one stream (standard error unless the host gives another). It writes
 * what winston's `Stream` and `Console` transports write, minus their per-line
 * `setImmediate` that emits `logged` whether or not anyone listens (a timer per line, a
 * measurable share of a request's request-log line): here `logged` is emitted, on the
 * next turn as winston's do, only when something listens for it. The request log's lines
 * skip winston's streams altogether and come to the transport directly (`lineWriter` in
 * logger.ts), as text alone (`writeText`) when nothing needs the line's object.
 */
import { EOL } from 'node:os';
import type winston from 'winston';
import type TransportStream from 'winston-transport';

const MESSAGE = Symbol.for('message');

type Winston = typeof winston;
type TransformableInfo = winston.Logform.TransformableInfo & { [MESSAGE]?: unknown };

/** wharf's line transport: winston's transport, plus a way to write a line given as text. */
export interface LineTransport extends TransportStream {
  /**
   * Writes `line` (formatted, without its end of line) and returns true when nothing needs
   * the line's object: the stream takes text and nobody listens for `logged`. Otherwise it
   * writes nothing and returns false, and the caller hands the object to `log`.
   */
  writeText(line: string): boolean;
}

/** Builds the transport class on the given winston (winston itself is loaded lazily). */
export function lineTransportFor(winston: Winston, stream: NodeJS.WritableStream): LineTransport {
  // winston exports the transport base class as `Transport` (its typings call it `transport`).
  const Transport = (winston as unknown as { Transport: typeof TransportStream }).Transport;
  const objectMode = (stream as { writableObjectMode?: boolean }).writableObjectMode === true;
  const writeLine = (line: string): void => void stream.write(`${line}${EOL}`);

  class WharfLineTransport extends Transport implements LineTransport {
    /**
     * Whether something listens for `logged`, kept by the emitter's own listener events;
     * undefined once those hooks are removed (`removeAllListeners()`), when it is counted
     * per line. Asked per line: `listenerCount` reads the listeners through a property load
     * that every emitter of the process shares (megamorphic, about 3 % of a request-log
     * line on Node 20).
     */
    #logged: boolean | undefined = false;

    constructor() {
      super();
      this.on('newListener', (event: string | symbol) => {
        if (event === 'logged') this.#logged = true;
      });
      this.on('removeListener', (event: string | symbol) => {
        if (event === 'logged' && this.#logged !== undefined)
          this.#logged = this.listenerCount('logged') > 0;
        else if (event === 'newListener') this.#logged = undefined;
      });
    }

    /** Whether something listens for `logged`. */
    private listened(): boolean {
      return this.#logged ?? this.listenerCount('logged') > 0;
    }

    writeText(line: string): boolean {
      if (objectMode || this.listened()) return false;
      writeLine(line);
      return true;
    }

    override log(info: TransformableInfo, callback: () => void): void {
      if (this.listened()) setImmediate(() => this.emit('logged', info));
      if (objectMode) (stream as { write(chunk: unknown): boolean }).write(info);
      else writeLine(String(info[MESSAGE]));
      callback();
    }
  }
  return new WharfLineTransport();
}
