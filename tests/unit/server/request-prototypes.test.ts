import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
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

  test('builds requests and responses whose properties V8 keeps fast (not dictionaries)', () => {
    // %HasFastProperties needs --allow-natives-syntax: asked in a child process.
    const script = [
      "import express from 'express';",
      "import { Socket } from 'node:net';",
      'const { messageClassesFor } = await import(process.argv[1]);',
      'const classes = messageClassesFor(express());',
      'const req = new classes.IncomingMessage(new Socket());',
      'const res = new classes.ServerResponse(req);',
      'console.log(JSON.stringify([%HasFastProperties(req), %HasFastProperties(res)]));'
    ].join('\n');
    const module = new URL('../../../core/server/request-prototypes.js', import.meta.url).href;
    const printed = execFileSync(
      process.execPath,
      ['--allow-natives-syntax', '--input-type=module', '-e', script, module],
      { encoding: 'utf8' }
    );
    assert.deepEqual(JSON.parse(printed), [true, true]);
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
        constructors: req.constructor === IncomingMessage && res.constructor === ServerResponse,
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
        constructors: true,
        samePrototype: true
      });
    } finally {
      await server.close(1000);
    }
  });
});
