import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  APIVersionRequest,
  Controller,
  describeController,
  expectedErrorsFor,
  isAvailable,
  responseCodeFor,
  validatorFor,
  wsgi,
  type ApiRequest,
  type ControllerDescriptor
} from '../../../core/api/index.js';
import { InvalidDeclarationError } from '../../../core/errors.js';

const v = (text: string) => APIVersionRequest.parse(text);

class BaseServers extends Controller {
  readonly label = 'servers';

  index(_req: ApiRequest) {
    return { from: 'base index' };
  }

  @wsgi.expectedErrors(404)
  @wsgi.apiVersion('2.1', '2.50')
  show(_req: ApiRequest): Record<string, string> {
    return { from: 'base show', label: this.label };
  }

  @wsgi.response(202)
  @wsgi.action('os-start')
  start(_req: ApiRequest) {
    return 'base start';
  }

  @wsgi.response(202)
  @wsgi.action('reboot')
  reboot(_req: ApiRequest) {
    return 'base reboot';
  }

  @wsgi.extends({ action: 'resize', phase: 'pre' })
  checkResize(_req: ApiRequest) {}
}

class Servers extends BaseServers {
  // Overrides without decorators: keeps the base's declarations.
  override show(_req: ApiRequest) {
    return { from: 'derived show' };
  }

  // Takes the `reboot` key over from the base class.
  @wsgi.response(204)
  @wsgi.action('reboot')
  hardReboot(_req: ApiRequest) {
    return 'derived reboot';
  }

  @wsgi.response(200, '2.1', '2.1')
  @wsgi.response(201, '2.2')
  @wsgi.expectedErrors([400, 409])
  @wsgi.expectedErrors(403, '2.10')
  create(_req: ApiRequest) {}

  @wsgi.extends()
  index2(_req: ApiRequest) {}

  @wsgi.extends({ method: 'show' })
  addHost(_req: ApiRequest, _resp: unknown) {}

  get computed(): string {
    return 'not a method';
  }
}

function givenServers(): ControllerDescriptor {
  return describeController(new Servers());
}

describe('describeController', () => {
  test('names the controller class', () => {
    assert.equal(givenServers().controllerName, 'Servers');
  });

  test('lists standard and custom methods, inherited ones included, without accessors', () => {
    assert.deepEqual([...givenServers().methods.keys()].sort(), ['create', 'index', 'show']);
  });

  test('binds each method to the instance and runs the most derived override', async () => {
    const { methods, actions } = givenServers();
    assert.deepEqual(methods.get('index')!.invoke({}), { from: 'base index' });
    assert.deepEqual(methods.get('show')!.invoke({}), { from: 'derived show' });
    assert.equal(actions.get('os-start')!.invoke({}), 'base start');
  });

  test('keeps a base class decorators on an undecorated override', () => {
    const show = givenServers().methods.get('show')!;
    assert.deepEqual(show.range, { min: v('2.1'), max: v('2.50') });
    assert.deepEqual(show.expectedErrors, [{ codes: [404], range: { min: null, max: null } }]);
  });

  test('inherits actions and lets a subclass take an action key over', () => {
    const { actions, methods } = givenServers();
    assert.deepEqual([...actions.keys()].sort(), ['os-start', 'reboot']);
    assert.equal(actions.get('reboot')!.property, 'hardReboot');
    assert.equal(actions.get('reboot')!.invoke({}), 'derived reboot');
    assert.equal(methods.has('reboot'), false);
  });

  test('lists extension methods with their targets and phases, base class first', () => {
    assert.deepEqual(
      givenServers().extensions.map((spec) => [spec.property, spec.target, spec.phase]),
      [
        ['checkResize', { kind: 'action', name: 'resize' }, 'pre'],
        ['index2', { kind: 'method', name: 'index2' }, 'post'],
        ['addHost', { kind: 'method', name: 'show' }, 'post']
      ]
    );
  });

  test('rejects two methods of one class claiming the same action key', () => {
    class Clash extends Controller {
      @wsgi.action('os-stop')
      stop() {}

      @wsgi.action('os-stop')
      halt() {}
    }
    assert.throws(
      () => describeController(new Clash()),
      (error: unknown) =>
        error instanceof InvalidDeclarationError &&
        error.code === 'WHARF_INVALID_DECLARATION' &&
        error.message === "Clash: action 'os-stop' is declared by both stop() and halt()"
    );
  });

  test('rejects a method that is both an action and an extension', () => {
    class Both extends Controller {
      @wsgi.extends()
      @wsgi.action('os-stop')
      stop() {}
    }
    assert.throws(() => describeController(new Both()), {
      code: 'WHARF_INVALID_DECLARATION',
      message: 'Both.stop: a method can be only one of @action, @extends and @variant'
    });
  });

  test('reads no declaration of a method that carries none', (t) => {
    class Plain extends Controller {
      show() {
        return {};
      }
    }
    const controller = new Plain();
    const reads = t.mock.method(Reflect, 'getMetadata');
    const { methods } = describeController(controller);
    assert.deepEqual([...methods.keys()], ['show']);
    assert.deepEqual(methods.get('show')!.range, { min: null, max: null });
    assert.equal(reads.mock.callCount(), 0);
  });

  test('rejects an object that is not a controller', () => {
    assert.throws(() => describeController({} as Controller), {
      code: 'WHARF_INVALID_DECLARATION'
    });
  });
});

describe('per-version lookups', () => {
  test('responseCodeFor picks the code whose range holds the version, else the fallback', () => {
    const { methods, actions } = givenServers();
    const create = methods.get('create')!;
    assert.equal(responseCodeFor(create, v('2.1')), 200);
    assert.equal(responseCodeFor(create, v('2.2')), 201);
    assert.equal(responseCodeFor(create, v('2.90')), 201);
    assert.equal(responseCodeFor(methods.get('index')!, v('2.1')), 200);
    assert.equal(responseCodeFor(methods.get('index')!, v('2.1'), 204), 204);
    assert.equal(responseCodeFor(actions.get('reboot')!, v('2.1')), 204);
  });

  test('isAvailable honours the method range', () => {
    const show = givenServers().methods.get('show')!;
    assert.equal(isAvailable(show, v('2.1')), true);
    assert.equal(isAvailable(show, v('2.50')), true);
    assert.equal(isAvailable(show, v('2.51')), false);
  });

  test('expectedErrorsFor joins every range holding the version, null when undeclared', () => {
    const { methods } = givenServers();
    assert.deepEqual(expectedErrorsFor(methods.get('create')!, v('2.1')), [400, 409]);
    assert.deepEqual(expectedErrorsFor(methods.get('create')!, v('2.10')), [400, 409, 403]);
    assert.equal(expectedErrorsFor(methods.get('index')!, v('2.1')), null);
  });

  test('validatorFor picks the first schema whose range holds the version', () => {
    class Keypairs extends Controller {
      @wsgi.schema({ type: 'object', properties: { type: false } }, '2.1', '2.1')
      @wsgi.schema({ type: 'object' }, '2.2')
      create() {}
    }
    const create = describeController(new Keypairs()).methods.get('create')!;
    const body = { type: 'ssh' };
    assert.throws(() => validatorFor(create.schemas, v('2.1'))!(body), { statusCode: 400 });
    assert.doesNotThrow(() => validatorFor(create.schemas, v('2.2'))!(body));
    assert.equal(validatorFor(create.querySchemas, v('2.2')), null);
  });
});
