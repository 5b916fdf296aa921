import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { APIRouter } from '../../../core/api/api-router.js';
import { createContext, setContext } from '../../../core/context.js';
import {
  Controller,
  ControllerExtension,
  ResourceExtension,
  ResponseObject,
  wsgi,
  type ApiRequest
} from '../../../core/index.js';
import { currentScope, type ExtensionScope } from '../../../core/extension-scope.js';
import { givenExtension } from '../../helpers/built-extension.js';
import { givenCapturedLogger } from '../../helpers/capture-logger.js';

/** The steps that ran, in order. */
const ran: string[] = [];

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

class ItemsController extends Controller {
  show(req: ApiRequest) {
    ran.push('show');
    return { item: { id: req.params.id, marks: [] as string[] } };
  }

  async index(_req: ApiRequest) {
    await turn();
    ran.push('index');
    return { items: [], marks: [] as string[] };
  }

  delete(_req: ApiRequest): void {
    ran.push('delete');
  }
}

class MarksController extends Controller {
  @wsgi.extends({ method: 'show' })
  markShow(_req: ApiRequest, resp: ResponseObject): void {
    ran.push('post show');
    (resp.obj as { item: { marks: string[] } }).item.marks.push('sync');
  }

  @wsgi.extends({ method: 'index' })
  markIndex(_req: ApiRequest, resp: ResponseObject): void {
    ran.push('post index');
    (resp.obj as { marks: string[] }).marks.push('after async handler');
  }

  @wsgi.extends({ method: 'index' })
  async markIndexLater(_req: ApiRequest, resp: ResponseObject): Promise<void> {
    await turn();
    ran.push('async post index');
    (resp.obj as { marks: string[] }).marks.push('async');
  }

  @wsgi.extends({ method: 'delete', phase: 'pre' })
  async guardDelete(req: ApiRequest): Promise<ResponseObject | void> {
    await turn();
    ran.push('pre delete');
    if (req.params.id === 'kept') return new ResponseObject({ kept: true }, { code: 200 });
  }
}

describe('running a dispatch plan', () => {
  /** What the router's handler returned for each request. */
  const returned: unknown[] = [];
  /** The scope the last response's 'finish' listener ran in: the plan run, which sent it. */
  let finishedIn: ExtensionScope | undefined;
  let server: Server;
  let url: string;

  before(async () => {
    const { logger } = givenCapturedLogger();
    const router = APIRouter.makeTestInstance(
      [
        givenExtension('items', () => ({
          getResources: () => [new ResourceExtension('items', new ItemsController())]
        })),
        givenExtension('marks', (self) => ({
          getControllerExtensions: () => [
            new ControllerExtension(self, 'items', new MarksController())
          ]
        }))
      ],
      { logger, projectIdInUrl: false }
    );
    const handle = router.handler('osapi_compute');
    server = createServer((req, res) => {
      setContext(req, createContext({ logger }));
      res.on('finish', () => (finishedIn = currentScope()));
      returned.push(handle(req, res));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function request(method: string, path: string): Promise<{ status: number; body: unknown }> {
    ran.length = 0;
    returned.length = 0;
    const response = await fetch(`${url}${path}`, { method });
    const text = await response.text();
    return { status: response.status, body: text === '' ? null : JSON.parse(text) };
  }

  test('steps that all answer synchronously are answered with no promise', async () => {
    const { status, body } = await request('GET', '/items/i1');
    assert.equal(status, 200);
    assert.deepEqual(body, { item: { id: 'i1', marks: ['sync'] } });
    assert.deepEqual(ran, ['show', 'post show']);
    assert.deepEqual(returned, [undefined]);
  });

  test('after an asynchronous step the rest of the plan runs in order', async () => {
    const { status, body } = await request('GET', '/items');
    assert.equal(status, 200);
    // Post-processors run last registered first.
    assert.deepEqual(ran, ['index', 'async post index', 'post index']);
    assert.deepEqual(body, { items: [], marks: ['async', 'after async handler'] });
    assert.ok(returned[0] instanceof Promise);
  });

  test('an asynchronous pre-processor that answers stops the plan', async () => {
    const kept = await request('DELETE', '/items/kept');
    assert.equal(kept.status, 200);
    assert.deepEqual(kept.body, { kept: true });
    assert.deepEqual(ran, ['pre delete']);

    const deleted = await request('DELETE', '/items/gone');
    assert.equal(deleted.status, 200);
    assert.equal(deleted.body, null);
    assert.deepEqual(ran, ['pre delete', 'delete']);
  });

  test('a finished run keeps no hold on its response', async () => {
    // The run is the scope of what it starts, and async resources made while it sends (the
    // socket's write, whose callback emits 'finish') keep it alive past the response: holding
    // the response there kept a listing's whole body alive across other requests (1.3x the
    // CPU of GET /servers/detail under load, in the garbage collector).
    for (const path of ['/items/i1', '/items']) {
      finishedIn = undefined;
      assert.equal((await request('GET', path)).status, 200);
      assert.ok(finishedIn !== undefined, `GET ${path} finished outside the plan run`);
      const held = Object.values(finishedIn).filter((value) => value instanceof ResponseObject);
      assert.deepEqual(held, [], `after GET ${path}`);
    }
  });
});
