import assert from 'node:assert/strict';
import { EOL } from 'node:os';
import { Writable } from 'node:stream';
import { describe, mock, test } from 'node:test';
import winston from 'winston';
import { lineTransportFor } from '../../core/log-line-transport.js';
import { createLogger } from '../../core/logger.js';

const MESSAGE = Symbol.for('message');

/** A stream that keeps what is written to it, as text or as objects. */
function givenStream(objectMode = false) {
  const chunks: unknown[] = [];
  const stream = new Writable({
    objectMode,
    write(chunk: unknown, _encoding, callback) {
      chunks.push(objectMode ? chunk : String(chunk));
      callback();
    }
  });
  return { stream, chunks };
}

function givenInfo(message: string) {
  return { level: 'info', message, [MESSAGE]: `formatted ${message}` };
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('log line transport', () => {
  test('writes the formatted line and the end of line, then calls back at once', () => {
    const { stream, chunks } = givenStream();
    const transport = lineTransportFor(winston, stream);
    let calledBack = false;
    transport.log!(givenInfo('one'), () => (calledBack = true));
    assert.equal(calledBack, true);
    assert.deepEqual(chunks, [`formatted one${EOL}`]);
  });

  test('hands an object-mode stream the line object itself', () => {
    const { stream, chunks } = givenStream(true);
    const info = givenInfo('one');
    lineTransportFor(winston, stream).log!(info, () => undefined);
    assert.deepEqual(chunks, [info]);
  });

  test("emits 'logged' on the next turn when something listens", async () => {
    const { stream } = givenStream();
    const transport = lineTransportFor(winston, stream);
    const logged: unknown[] = [];
    transport.on('logged', (info) => logged.push(info));
    const info = givenInfo('one');
    transport.log!(info, () => undefined);
    assert.deepEqual(logged, []);
    await nextTurn();
    assert.deepEqual(logged, [info]);
  });

  test("schedules nothing for 'logged' when nobody listens", async () => {
    const { stream } = givenStream();
    const transport = lineTransportFor(winston, stream);
    transport.log!(givenInfo('one'), () => undefined);
    const logged: unknown[] = [];
    transport.on('logged', (info) => logged.push(info));
    await nextTurn();
    assert.deepEqual(logged, []);
  });

  test('writes a line given as text when nothing needs its object', () => {
    const { stream, chunks } = givenStream();
    assert.equal(lineTransportFor(winston, stream).writeText('one'), true);
    assert.deepEqual(chunks, [`one${EOL}`]);
  });

  test("refuses a line given as text for an object-mode stream or a 'logged' listener", () => {
    const objects = givenStream(true);
    assert.equal(lineTransportFor(winston, objects.stream).writeText('one'), false);
    const text = givenStream();
    const transport = lineTransportFor(winston, text.stream);
    transport.on('logged', () => undefined);
    assert.equal(transport.writeText('one'), false);
    assert.deepEqual([...objects.chunks, ...text.chunks], []);
  });

  test('asks for no listener count per line', () => {
    const { stream, chunks } = givenStream();
    const transport = lineTransportFor(winston, stream);
    const counted = mock.method(transport, 'listenerCount');
    transport.writeText('one');
    transport.log!(givenInfo('two'), () => undefined);
    assert.equal(counted.mock.callCount(), 0);
    assert.deepEqual(chunks, [`one${EOL}`, `formatted two${EOL}`]);
  });

  test("takes text again once its last 'logged' listener is gone", () => {
    const { stream, chunks } = givenStream();
    const transport = lineTransportFor(winston, stream);
    const first = (): void => undefined;
    transport.on('logged', first);
    transport.once('logged', () => undefined);
    assert.equal(transport.writeText('one'), false);
    transport.emit('logged', givenInfo('x'));
    assert.equal(transport.writeText('two'), false);
    transport.off('logged', first);
    assert.equal(transport.writeText('three'), true);
    assert.deepEqual(chunks, [`three${EOL}`]);
  });

  test("sees a 'logged' listener added after removeAllListeners()", async () => {
    const { stream } = givenStream();
    const transport = lineTransportFor(winston, stream);
    transport.removeAllListeners();
    assert.equal(transport.writeText('one'), true);
    const logged: unknown[] = [];
    transport.on('logged', (info) => logged.push(info));
    assert.equal(transport.writeText('two'), false);
    const info = givenInfo('three');
    transport.log!(info, () => undefined);
    await nextTurn();
    assert.deepEqual(logged, [info]);
  });

  test("is the root logger's transport: text lines as winston's Stream transport wrote them", async () => {
    const { stream, chunks } = givenStream();
    const logger = createLogger({ stream, level: 'info' });
    logger.child({ label: 'wharf.api:widgets' }).info('hello', { requestId: 'req-1' });
    logger.debug('not written');
    await nextTurn();
    assert.equal(chunks.length, 1);
    assert.match(
      String(chunks[0]),
      new RegExp(
        `^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z info \\[wharf\\.api:widgets\\] hello \\{"requestId":"req-1"\\}${EOL}$`
      )
    );
  });
});
