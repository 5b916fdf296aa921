import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, test } from 'node:test';
import { ConcurrencyLimit } from '../../../core/server/concurrency-limit.js';

interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
}

// Requests and responses as the limit sees them: emitters, the response knowing its request.
function givenExchange(): Exchange {
  const req = new EventEmitter() as IncomingMessage;
  const res = Object.assign(new EventEmitter(), { req }) as unknown as ServerResponse;
  return { req, res };
}

function givenTracked(limit: ConcurrencyLimit, count: number): Exchange[] {
  const exchanges = Array.from({ length: count }, givenExchange);
  for (const { req, res } of exchanges) limit.track(req, res);
  return exchanges;
}

describe('ConcurrencyLimit', () => {
  test('lists the responses in flight in order of admission as requests come and go', () => {
    const limit = new ConcurrencyLimit(0, 0, () => {});
    const [a, b, c, d] = givenTracked(limit, 4);
    b.res.emit('finish');
    a.req.emit('close');
    const [e] = givenTracked(limit, 1);
    d.res.emit('finish');
    assert.equal(limit.inFlight, 2);
    assert.deepEqual(limit.responses(), [c.res, e.res]);
    c.req.emit('close');
    e.res.emit('finish');
    assert.equal(limit.inFlight, 0);
    assert.deepEqual(limit.responses(), []);
    limit.stop();
  });

  test('releases a request once whichever of finish and close comes first', () => {
    const ran: IncomingMessage[] = [];
    const limit = new ConcurrencyLimit(1, 60_000, (req) => ran.push(req));
    const [a] = givenTracked(limit, 1);
    const b = givenExchange();
    const c = givenExchange();
    assert.equal(limit.admit(b.req, b.res), false);
    assert.equal(limit.admit(c.req, c.res), false);
    a.res.emit('finish');
    a.req.emit('close');
    assert.deepEqual(ran, [b.req]);
    assert.equal(limit.inFlight, 1);
    assert.equal(limit.waiting, 1);
    b.req.emit('close');
    b.res.emit('finish');
    assert.deepEqual(ran, [b.req, c.req]);
    assert.deepEqual(limit.responses(), [c.res]);
    c.res.emit('finish');
    limit.stop();
  });

  test('keeps the place of a request tracked again and takes its new response', () => {
    const limit = new ConcurrencyLimit(0, 0, () => {});
    const [a, b] = givenTracked(limit, 2);
    const other = givenExchange().res;
    limit.track(a.req, other);
    assert.equal(limit.inFlight, 2);
    assert.deepEqual(limit.responses(), [other, b.res]);
    limit.stop();
  });

  test('resolves closed() once the requests in flight close', async () => {
    const limit = new ConcurrencyLimit(0, 0, () => {});
    const [a, b] = givenTracked(limit, 2);
    let resolved = false;
    const closed = limit.closed().then(() => (resolved = true));
    a.req.emit('close');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(resolved, false);
    b.req.emit('close');
    await closed;
    assert.equal(limit.inFlight, 0);
  });
});
