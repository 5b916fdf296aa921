import assert from 'node:assert/strict';
import { IncomingMessage, ServerResponse, type RequestListener } from 'node:http';
import { describe, test } from 'node:test';
import express from 'express';
import { startHttpServer } from '../../../core/server/http-server.js';
import { messageClassesFor } from '../../../core/server/request-prototypes.js';
import { createLogger } from '../../../core/logger.js';

describe('messageClassesFor', () => {
  test('gives an Express app constructors whose objects already have its prototypes', () => {
    const app = express();
    const classes = messageClassesFor(app as unknown as RequestListener);
    assert.ok(classes);
    assert.equal(classes.IncomingMessage.prototype, app.request);
    assert.equal(classes.ServerResponse.prototype, app.response);
  });

  test('leaves any other handler with node:http classes', () => {
    assert.equal(
      messageClassesFor(() => undefined),
      null
    );
  });

  test('serves an Express app whose requests are node messages with Express helpers', async () => {
    const app = express();
    app.get('/echo', (req, res) => {
      res.json({
        q: req.query.q,
        message: req instanceof IncomingMessage,
        response: res instanceof ServerResponse,
        samePrototype: Object.getPrototypeOf(req) === app.request
      });
    });
    const server = await startHttpServer(app as unknown as RequestListener, {
      host: '127.0.0.1',
      port: 0,
      backlog: 16,
      maxHeaderSize: 16384,
      keepAliveTimeoutMs: 1000,
      requestTimeoutMs: 5000,
      maxUrlLength: 8192,
      maxConcurrentRequests: 10,
      logger: createLogger({ silent: true })
    });
    try {
      const reply = await fetch(`http://127.0.0.1:${server.address.port}/echo?q=hi`);
      assert.deepEqual(await reply.json(), {
        q: 'hi',
        message: true,
        response: true,
        samePrototype: true
      });
    } finally {
      await server.close(1000);
    }
  });
});
