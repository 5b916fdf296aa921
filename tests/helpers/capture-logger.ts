/** A winston logger whose lines the test can read. */
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../core/logger.js';

/** A logger plus the JSON lines it wrote. */
export interface CapturedLogger {
  logger: Logger;
  lines: { level: string; message: string; label?: string; [key: string]: unknown }[];
}

/** Builds a logger at `debug` that records every line instead of printing it. */
export function givenCapturedLogger(): CapturedLogger {
  const lines: CapturedLogger['lines'] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(JSON.parse(chunk.toString()) as CapturedLogger['lines'][number]);
      callback();
    }
  });
  return { logger: createLogger({ level: 'debug', format: 'json', stream }), lines };
}

/** Lets winston's piped transports deliver what was logged so far. */
export function flushLogs(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
