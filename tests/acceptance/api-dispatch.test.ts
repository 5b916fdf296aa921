import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { flushLogs, type CapturedLogger } from '../helpers/capture-logger.js';
import { givenApiServer, givenFixtureRouter, type ApiServer } from '../helpers/api-fixtures.js';

let api: ApiServer;
let logs: CapturedLogger['lines'];

before(async () => {
  const { router, logger, lines } = await givenFixtureRouter();
  logs = lines;
  api = await givenApiServer(router, logger);
});
after(() => api.close());

interface Reply {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

async function call(
  method: string,
  path: string,
  options: { body?: unknown; raw?: string; headers?: Record<string, string> } = {}
): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  let body: string | undefined = options.raw;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${api.url}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body } : {})
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    body: text ? JSON.parse(text) : null
  };
}

const v = (version: string) => ({ 'OpenStack-API-Version': `compute ${version}` });

describe('microversions', () => {
  test('serves the minimum when no header is sent, with both response headers and Vary', async () => {
    const reply = await call('GET', '/widgets');
    assert.equal(reply.status, 200);
    assert.equal(reply.headers.get('openstack-api-version'), 'compute 2.1');
    assert.equal(reply.headers.get('x-openstack-nova-api-version'), '2.1');
    assert.equal(reply.headers.get('vary'), 'OpenStack-API-Version, X-OpenStack-Nova-API-Version');
  });

  test('answers 400 to a badly formed version', async () => {
    for (const bad of ['2.01', '2', 'LATEST']) {
      const reply = await call('GET', '/widgets', { headers: v(bad) });
      assert.equal(reply.status, 400, bad);
      assert.equal(
        reply.body.badRequest.message,
        `API Version String ${bad} is of invalid format. Must be of format MajorNum.MinorNum.`
      );
    }
  });

  test('answers 406 computeFault to a version out of range', async () => {
    const reply = await call('GET', '/widgets', { headers: v('2.99') });
    assert.equal(reply.status, 406);
    assert.equal(
      reply.body.computeFault.message,
      'Version 2.99 is not supported by the API. Minimum is 2.1 and maximum is 2.3.'
    );
  });

  test('resolves latest to the maximum and honours the legacy header', async () => {
    assert.equal(
      (await call('GET', '/widgets', { headers: v('latest') })).headers.get(
        'openstack-api-version'
      ),
      'compute 2.3'
    );
    const legacy = await call('GET', '/widgets', {
      headers: { 'X-OpenStack-Nova-API-Version': '2.2' }
    });
    assert.equal(legacy.headers.get('x-openstack-nova-api-version'), '2.2');
  });

  test('takes the last compute entry of a comma list and ignores other services', async () => {
    const reply = await call('GET', '/widgets', {
      headers: { 'OpenStack-API-Version': 'compute 2.2, volume 3.5, compute 2.3' }
    });
    assert.equal(reply.headers.get('openstack-api-version'), 'compute 2.3');
  });

  test('puts the version headers on faults too', async () => {
    const reply = await call('GET', '/widgets/nope', { headers: v('2.2') });
    assert.equal(reply.status, 404);
    assert.equal(reply.headers.get('openstack-api-version'), 'compute 2.2');
    assert.equal(reply.headers.get('vary'), 'OpenStack-API-Version, X-OpenStack-Nova-API-Version');
  });
});

describe('routing', () => {
  test('answers 404 itemNotFound for an unknown path', async () => {
    const reply = await call('GET', '/nothing/here');
    assert.equal(reply.status, 404);
    assert.equal(reply.body.itemNotFound.code, 404);
  });

  test('answers 405 badMethod with Allow for a known path and wrong method', async () => {
    const reply = await call('PATCH', '/widgets/w1');
    assert.equal(reply.status, 405);
    assert.equal(reply.body.badMethod.code, 405);
    assert.equal(reply.headers.get('allow'), 'DELETE, GET, HEAD, PUT');
  });

  test('routes the detail collection action, nested resources and the project id prefix', async () => {
    assert.equal((await call('GET', '/widgets/detail')).body.widgets[0].name, 'first');
    assert.deepEqual((await call('GET', '/widgets/w1/gadgets/g7')).body, {
      gadget: { id: 'g7', widget: 'w1' }
    });
    assert.equal(
      (await call('GET', '/p1/widgets/w1', { headers: { 'X-Test-Project': 'p1' } })).status,
      200
    );
  });

  test('answers 404 when the controller lacks the method', async () => {
    const reply = await call('PUT', '/widgets/w1/gadgets/g1', { body: {} });
    assert.equal(reply.status, 404);
  });
});

describe('request checks', () => {
  test('answers 415 badMediaType to a non-JSON content type, accepts JSON variants and text/plain', async () => {
    const xml = await call('POST', '/widgets', {
      raw: '<widget/>',
      headers: { 'content-type': 'application/xml' }
    });
    assert.equal(xml.status, 415);
    assert.equal(xml.body.badMediaType.code, 415);
    const plain = await call('GET', '/widgets', { headers: { 'content-type': 'text/plain' } });
    assert.equal(plain.status, 200);
    const compute = await call('POST', '/widgets', {
      body: { widget: { name: 'cjson' } },
      headers: { 'content-type': 'application/vnd.openstack.compute+json; charset=UTF-8' }
    });
    assert.equal(compute.status, 200);
  });

  test('answers 400 Malformed request body to invalid JSON', async () => {
    const reply = await call('POST', '/widgets', {
      raw: '{"widget": ',
      headers: { 'content-type': 'application/json' }
    });
    assert.equal(reply.status, 400);
    assert.equal(reply.body.badRequest.message, 'Malformed request body');
  });

  test('treats an empty body as null, which the schema then rejects', async () => {
    const reply = await call('POST', '/widgets', { raw: '' });
    assert.equal(reply.status, 400);
    assert.match(reply.body.badRequest.message, /None is not of type 'object'/);
  });

  test('answers 400 when the URL project differs from the caller project', async () => {
    const reply = await call('GET', '/other/widgets', { headers: { 'X-Test-Project': 'mine' } });
    assert.equal(reply.status, 400);
    assert.equal(
      reply.body.badRequest.message,
      "Malformed request URL: URL's project_id 'other' doesn't match Context's project_id 'mine'"
    );
  });

  test('validates bodies with nova messages, per microversion', async () => {
    const colorAt21 = await call('POST', '/widgets', {
      body: { widget: { name: 'a', color: 'red' } }
    });
    assert.equal(colorAt21.status, 400);
    assert.match(
      colorAt21.body.badRequest.message,
      /^Invalid input for field\/attribute widget\. Value: .*Additional properties are not allowed \('color' was unexpected\)$/
    );
    const colorAt22 = await call('POST', '/widgets', {
      body: { widget: { name: 'b', color: 'red' } },
      headers: v('2.2')
    });
    assert.equal(colorAt22.status, 201);
    const badColor = await call('POST', '/widgets', {
      body: { widget: { name: 'c', color: 'green' } },
      headers: v('2.2')
    });
    assert.equal(
      badColor.body.badRequest.message,
      "Invalid input for field/attribute color. Value: green. 'green' is not one of ['red', 'blue']"
    );
  });

  test('hides a method outside its microversion range with 404', async () => {
    assert.equal(
      (await call('PUT', '/widgets/w1', { body: { widget: { name: 'x' } } })).status,
      404
    );
    assert.equal(
      (
        await call('PUT', '/widgets/w1', {
          body: { widget: { name: 'renamed-w1' } },
          headers: v('2.3')
        })
      ).status,
      200
    );
  });
});

describe('actions', () => {
  test('dispatches by body key and answers with the declared code and an empty body', async () => {
    const reply = await call('POST', '/widgets/w5/action', { body: { polish: null } });
    assert.equal(reply.status, 202);
    assert.equal(reply.text, '');
    assert.equal(reply.headers.get('x-polished'), 'yes');
    const again = await call('POST', '/widgets/w5/action', { body: { polish: null } });
    assert.equal(again.status, 409);
    assert.equal(
      again.body.conflictingRequest.message,
      "Cannot 'polish' widget w5 while it is polished"
    );
  });

  test('answers 400 Malformed request body unless the body is an object with one key', async () => {
    for (const body of [[], {}, { polish: null, explode: null }, 'polish']) {
      const reply = await call('POST', '/widgets/w1/action', { body });
      assert.equal(reply.status, 400, JSON.stringify(body));
      assert.equal(reply.body.badRequest.message, 'Malformed request body');
    }
  });

  test('answers 400 There is no such action to an unknown key', async () => {
    const reply = await call('POST', '/widgets/w1/action', { body: { fly: {} } });
    assert.equal(reply.status, 400);
    assert.equal(reply.body.badRequest.message, 'There is no such action: fly');
  });

  test('validates action bodies and hides versioned actions', async () => {
    assert.equal((await call('POST', '/widgets/w1/action', { body: { rename: {} } })).status, 400);
    assert.deepEqual(
      (await call('POST', '/widgets/w1/action', { body: { rename: { name: 'n' } } })).body,
      { renamed: 'n' }
    );
    assert.equal((await call('POST', '/widgets/w1/action', { body: { shine: null } })).status, 404);
    assert.equal(
      (await call('POST', '/widgets/w1/action', { body: { shine: null }, headers: v('2.2') }))
        .status,
      200
    );
  });

  test('turns an undeclared error into a 500 computeFault that reveals nothing, logged with the request id', async () => {
    const reply = await call('POST', '/widgets/w1/action', { body: { explode: null } });
    assert.equal(reply.status, 500);
    assert.deepEqual(Object.keys(reply.body), ['computeFault']);
    assert.doesNotMatch(reply.text, /secret|widgets\.conf|TypeError|file:\/\//);
    await flushLogs();
    const logged = logs.find(
      (line) => line.level === 'error' && String(line.stack).includes('secret internal detail')
    );
    assert.ok(logged, 'the error and its stack are logged');
    assert.match(String(logged.requestId), /^req-[0-9a-f-]{36}$/);
  });

  test('turns an HTTP error the method did not declare into a 500', async () => {
    const reply = await call('POST', '/widgets/w1/action', { body: { undeclared: null } });
    assert.equal(reply.status, 500);
  });
});

describe('response codes and extensions', () => {
  test('chooses the response code by microversion', async () => {
    assert.equal(
      (await call('POST', '/widgets', { body: { widget: { name: 'v21' } } })).status,
      200
    );
    assert.equal(
      (await call('POST', '/widgets', { body: { widget: { name: 'v22' } }, headers: v('2.2') }))
        .status,
      201
    );
    const created = (await call('POST', '/widgets', { body: { widget: { name: 'gone' } } })).body
      .widget.id as string;
    assert.equal((await call('DELETE', `/widgets/${created}`)).status, 202);
    const second = (await call('POST', '/widgets', { body: { widget: { name: 'gone2' } } })).body
      .widget.id as string;
    const deleted = await call('DELETE', `/widgets/${second}`, { headers: v('2.2') });
    assert.equal(deleted.status, 204);
    assert.equal(deleted.text, '');
  });

  test('runs post-extensions on show and skips those outside the microversion', async () => {
    const at21 = (await call('GET', '/widgets/w1')).body.widget;
    assert.equal(at21['extras:shade'], 'dark');
    assert.equal(at21['extras:since'], undefined);
    assert.equal(
      (await call('GET', '/widgets/w1', { headers: v('2.2') })).body.widget['extras:since'],
      '2.2'
    );
  });

  test('lets a post-extension replace the response', async () => {
    const reply = await call('GET', '/widgets');
    assert.equal(reply.body.extended, true);
    assert.equal(reply.headers.get('x-extended'), 'index');
  });

  test('lets a pre-extension short-circuit or refuse', async () => {
    const ghost = await call('DELETE', '/widgets/ghost');
    assert.equal(ghost.status, 200);
    assert.deepEqual(ghost.body, { ghost: true });
    const refused = await call('DELETE', '/widgets/w1');
    assert.equal(refused.status, 403);
    assert.equal(
      refused.body.forbidden.message,
      "Policy doesn't allow widgets:delete to be performed."
    );
  });

  test('applies the parent resource extensions to a resource that inherits it', async () => {
    const reply = await call('GET', '/fancy-widgets/w1');
    assert.equal(reply.body.widget['extras:shade'], 'dark');
  });

  test("serves a resource without a controller with the inherited collection's", async () => {
    const reply = await call('GET', '/plain-widgets/w1');
    assert.equal(reply.status, 200);
    assert.equal(reply.body.widget.id, 'w1');
    assert.equal(reply.body.widget['extras:shade'], 'dark');
  });
});

describe('errors from another copy of wharf', () => {
  test('a branded 404 renders as its fault, not as a 500', async () => {
    const reply = await call('GET', '/widgets/w1/gadgets/foreign');
    assert.equal(reply.status, 404);
    assert.deepEqual(reply.body, {
      itemNotFound: { code: 404, message: 'Gadget foreign is elsewhere.' }
    });
  });

  test('@wsgi.expectedErrors still filters it: an undeclared status is a 500', async () => {
    const reply = await call('GET', '/widgets/w1/gadgets/foreign-409');
    assert.equal(reply.status, 500);
    assert.equal(reply.body.computeFault.code, 500);
  });
});

describe('versioned variants of one method', () => {
  test('the request version picks the variant whose range holds it', async () => {
    assert.deepEqual((await call('GET', '/widgets/w1/gadgets', { headers: v('2.1') })).body, {
      gadgets: [{ id: 'g1', widget: 'w1' }]
    });
    for (const version of ['2.2', '2.3']) {
      assert.deepEqual((await call('GET', '/widgets/w1/gadgets', { headers: v(version) })).body, {
        gadgets: [{ id: 'g1', widget_id: 'w1', shiny: true }]
      });
    }
  });
});
