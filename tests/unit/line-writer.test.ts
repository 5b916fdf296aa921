import assert from 'node:assert/strict';
import { EOL } from 'node:os';
import { Writable } from 'node:stream';
import { AsyncLocalStorage } from 'node:async_hooks';
import { describe, mock, test } from 'node:test';
import { createContext } from '../../core/context.js';
import { ExtensionScope, runInScope } from '../../core/extension-scope.js';
import { createLogger, lineWriter, type LoggerOptions } from '../../core/logger.js';

/** A root logger whose written text the test reads. */
function givenLogger(options: LoggerOptions = {}) {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    }
  });
  return { logger: createLogger({ ...options, stream }), chunks };
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The line without its timestamp, which differs between two writes. */
const untimed = (text: string | undefined): string => String(text).replace(/^\S+ /, '');
const untimedJson = (text: string | undefined) => {
  const { timestamp: _timestamp, ...rest } = JSON.parse(String(text)) as Record<string, unknown>;
  return rest;
};

/** The fields of a request-log-like line. */
function fields(): Record<string, unknown> {
  return { method: 'GET', status: 200, length: null, extension: undefined, requestId: 'req-2' };
}

describe('lineWriter', () => {
  test("writes a root logger's line as logger.log does, at once, in text and JSON", async () => {
    for (const format of ['text', 'json'] as const) {
      const { logger, chunks } = givenLogger({ format });
      lineWriter(logger)('info', 'direct', fields());
      assert.equal(chunks.length, 1, 'written before the call returns');
      logger.log({ ...fields(), level: 'info', message: 'direct' });
      await nextTurn();
      assert.equal(chunks.length, 2);
      if (format === 'text') assert.equal(untimed(chunks[0]), untimed(chunks[1]));
      else assert.deepEqual(untimedJson(chunks[0]), untimedJson(chunks[1]));
    }
  });

  test('writes the text line as logger.log does for fields that are empty, scoped or special', async () => {
    const { logger, chunks } = givenLogger({ format: 'text' });
    const scope = new ExtensionScope('os-widgets', createContext({ requestId: 'req-1', logger }), {
      recordFault: () => undefined
    });
    const cases: [string, () => Record<string, unknown>][] = [
      ['no fields', () => ({})],
      ['only undefined', () => ({ extension: undefined })],
      ['a label', () => ({ label: 'wharf.api:widgets', status: 200 })],
      ['a timestamp', () => ({ timestamp: 'then', status: 200 })],
      ['text to escape', () => ({ path: '/a "b"\n', status: 404 })]
    ];
    for (const [name, given] of cases) {
      chunks.length = 0;
      runInScope(scope, () => lineWriter(logger)('warn', name, given()));
      runInScope(scope, () => logger.log({ ...given(), level: 'warn', message: name }));
      await nextTurn();
      assert.equal(chunks.length, 2, name);
      assert.equal(untimed(chunks[0]), untimed(chunks[1]), name);
    }
  });

  test("hands a 'logged' listener winston's line object, with the line written", async () => {
    const { logger, chunks } = givenLogger({ format: 'text' });
    const logged: Record<string | symbol, unknown>[] = [];
    logger.transports[0]!.on('logged', (info: Record<string | symbol, unknown>) =>
      logged.push(info)
    );
    lineWriter(logger)('info', 'direct', fields());
    await nextTurn();
    assert.equal(chunks.length, 1);
    assert.equal(logged.length, 1);
    const [info] = logged;
    assert.equal(info!.level, 'info');
    assert.equal(info!.message, 'direct');
    assert.equal(info!.requestId, 'req-2');
    assert.equal(`${String(info![Symbol.for('message')])}${EOL}`, chunks[0]);
  });

  test('stamps the line with the extension scope it is written in', () => {
    const { logger, chunks } = givenLogger({ format: 'json' });
    const scope = new ExtensionScope('os-widgets', createContext({ requestId: 'req-1', logger }), {
      recordFault: () => undefined
    });
    runInScope(scope, () => lineWriter(logger)('info', 'scoped', {}));
    const written = JSON.parse(String(chunks[0])) as Record<string, unknown>;
    assert.equal(written.extension, 'os-widgets');
    assert.equal(written.requestId, 'req-1');
  });

  test("uses the caller's JSON of the fields only when the scope stamp leaves them alone", async () => {
    const { logger, chunks } = givenLogger({ format: 'text' });
    const scope = new ExtensionScope('os-widgets', createContext({ requestId: 'req-1', logger }), {
      recordFault: () => undefined
    });
    const marked = (): string => '{"marked":true}';
    const cases: [string, () => Record<string, unknown>, boolean][] = [
      ['both set', () => ({ status: 200, requestId: 'req-2', extension: null }), true],
      ['no extension', () => ({ status: 200, requestId: 'req-2', extension: undefined }), false],
      ['no request id', () => ({ status: 200, extension: 'servers' }), false]
    ];
    for (const [name, given, usesJson] of cases) {
      chunks.length = 0;
      runInScope(scope, () => lineWriter(logger)('info', name, given(), marked));
      runInScope(scope, () => logger.log({ ...given(), level: 'info', message: name }));
      await nextTurn();
      assert.equal(chunks.length, 2, name);
      if (usesJson) assert.equal(untimed(chunks[0]), `info ${name} {"marked":true}${EOL}`, name);
      else assert.equal(untimed(chunks[0]), untimed(chunks[1]), name);
    }
  });

  test('looks up no scope for a line that sets both extension and requestId', () => {
    const { logger, chunks } = givenLogger({ format: 'text' });
    const scope = new ExtensionScope('os-widgets', createContext({ requestId: 'req-1', logger }), {
      recordFault: () => undefined
    });
    const write = lineWriter(logger);
    const lookups = mock.method(AsyncLocalStorage.prototype, 'getStore');
    /** How many scope lookups writing `given` took (in the scope: entering it takes one). */
    const lookupsOf = (message: string, given: Record<string, unknown>): number =>
      runInScope(scope, () => {
        lookups.mock.resetCalls();
        write('info', message, given);
        return lookups.mock.callCount();
      });
    try {
      assert.equal(lookupsOf('set', { requestId: 'req-2', extension: null }), 0);
      assert.ok(lookupsOf('unset', { requestId: 'req-2' }) > 0);
    } finally {
      lookups.mock.restore();
    }
    assert.deepEqual(chunks.map(untimed), [
      `info set {"requestId":"req-2","extension":null}${EOL}`,
      `info unset {"requestId":"req-2","extension":"os-widgets"}${EOL}`
    ]);
  });

  test("keeps a child logger's fields (it goes through winston)", async () => {
    const { logger, chunks } = givenLogger({ format: 'json' });
    lineWriter(logger.child({ label: 'wharf.api:widgets' }))('info', 'child', fields());
    await nextTurn();
    assert.equal(JSON.parse(String(chunks[0])).label, 'wharf.api:widgets');
  });

  test("writes a JSON line of plain values without winston's format, the same text", async () => {
    const { logger, chunks } = givenLogger({ format: 'json' });
    const transform = logger.format.transform.bind(logger.format);
    let formatted = 0;
    logger.format.transform = (info, options) => {
      formatted += 1;
      return transform(info, options);
    };
    lineWriter(logger)('info', 'direct "q"', fields());
    assert.equal(formatted, 0);
    lineWriter(logger)('info', 'nested', { ...fields(), nested: { a: 1 } });
    assert.equal(formatted, 1);
    logger.log({ ...fields(), level: 'info', message: 'direct "q"' });
    await nextTurn();
    const stampless = (text: string | undefined) => String(text).replace(/"timestamp":"[^"]*"/, '');
    assert.equal(stampless(chunks[0]), stampless(chunks[2]));
    assert.equal(JSON.parse(String(chunks[1])).nested.a, 1);
  });

  test('gives a transport added later the line, and no longer after it is removed', async () => {
    const { logger, chunks } = givenLogger({ format: 'text' });
    const write = lineWriter(logger);
    const added: string[] = [];
    const winston = (await import('winston')).default;
    const other = new winston.transports.Stream({
      stream: new Writable({
        write(chunk: Buffer, _encoding, callback) {
          added.push(chunk.toString());
          callback();
        }
      })
    });
    logger.add(other);
    write('info', 'both', fields());
    await nextTurn();
    logger.remove(other);
    write('info', 'first only', fields());
    await nextTurn();
    assert.deepEqual(chunks.map(untimed), [
      `info both {"method":"GET","status":200,"length":null,"requestId":"req-2"}${EOL}`,
      `info first only {"method":"GET","status":200,"length":null,"requestId":"req-2"}${EOL}`
    ]);
    assert.deepEqual(added.map(untimed), [chunks.map(untimed)[0]]);
  });

  test("reads no logger.transports per line (winston's getter builds two arrays)", () => {
    const { logger, chunks } = givenLogger({ format: 'text' });
    const write = lineWriter(logger);
    let reads = 0;
    const transports = logger.transports;
    Object.defineProperty(logger, 'transports', {
      get: () => {
        reads += 1;
        return transports;
      }
    });
    write('info', 'direct', fields());
    assert.equal(chunks.length, 1);
    assert.equal(reads, 0);
  });

  test('writes nothing for a silent logger', async () => {
    const { logger, chunks } = givenLogger({ silent: true });
    lineWriter(logger)('info', 'quiet', fields());
    await nextTurn();
    assert.deepEqual(chunks, []);
  });
});
