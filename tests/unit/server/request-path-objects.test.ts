import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, test } from 'node:test';

/**
 * The objects every request makes on the core path (the request and response, the request
 * context, the request log's record) keep fast properties and one hidden class from request
 * to request: a dictionary or a hidden class per request makes every access to them slow
 * (docs/performance.md, "Hidden classes on the core request path, session 13").
 * %HasFastProperties and %HaveSameMap need --allow-natives-syntax: asked in a child process
 * that serves a few requests through a whole host and `startHttpServer`.
 */
const script = `
import http from 'node:http';
import { Writable } from 'node:stream';
const [testing, logging, contexts, servers] = await Promise.all(process.argv.slice(1).map((m) => import(m)));
const logger = logging.createLogger({ level: 'info', stream: new Writable({ write: (_c, _e, done) => done() }) });
const seen = { request: [], response: [], context: [], logRecord: [] };
const transport = logger.transports[0];
const log = transport.log;
transport.log = function (info, callback) {
  if (info.status !== undefined) seen.logRecord.push(info); // the request log's lines
  return log.call(this, info, callback);
};
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, req, res) {
  if (event === 'request') res.on('finish', () => { seen.request.push(req); seen.response.push(res); seen.context.push(contexts.findContext(req)); });
  return emit.apply(this, arguments);
};
// The test host assembles the host; its app is served the way \`wharf serve\` serves it.
const host = await testing.createTestHost({ logger });
const server = await servers.startHttpServer(host.host.apps.get('osapi_compute'), {
  host: '127.0.0.1', port: 0, backlog: 16, maxHeaderSize: 16384, keepAliveTimeoutMs: 1000,
  requestTimeoutMs: 5000, maxUrlLength: 8192, maxConcurrentRequests: 10, logger
});
try {
  for (let i = 0; i < 20; i += 1) {
    const reply = await fetch(\`http://127.0.0.1:\${server.address.port}/v2.1/flavors/1\`, {
      headers: { 'x-auth-token': 'user1:project1' }
    });
    if (reply.status !== 200) throw new Error(\`status \${reply.status}\`);
    await reply.arrayBuffer();
  }
} finally {
  await server.close(1000);
  await host.close();
}
const report = {};
for (const [name, objects] of Object.entries(seen)) {
  const [first, last] = [objects.at(-2), objects.at(-1)];
  report[name] = { fast: %HasFastProperties(last), sameHiddenClass: %HaveSameMap(first, last) };
}
console.log(JSON.stringify(report));
`;

describe('objects of the core request path', () => {
  test('keep fast properties and one hidden class from request to request', async () => {
    const modules = [
      'wharf/testing',
      '../../../core/logger.js',
      '../../../core/context.js',
      '../../../core/server/http-server.js'
    ].map((specifier) => import.meta.resolve(specifier));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--allow-natives-syntax', '--input-type=module', '-e', script, ...modules],
      { encoding: 'utf8' }
    );
    const expected = { fast: true, sameHiddenClass: true };
    assert.deepEqual(JSON.parse(stdout.trim().split('\n').at(-1)!), {
      request: expected,
      response: expected,
      context: expected,
      logRecord: expected
    });
  });
});
