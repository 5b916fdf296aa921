import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  APIExtensionBase,
  Controller,
  ControllerExtension,
  EnabledExtensionManager,
  Extension,
  ResourceExtension,
  wsgi
} from '../../core/index.js';
import { APIRouter, type APIRouterOptions } from '../../core/api/api-router.js';
import { givenCapturedLogger } from '../helpers/capture-logger.js';
import { givenFixtureRouter } from '../helpers/api-fixtures.js';
import { Widgets } from '../fixtures/api/widgets.js';
import { WidgetActions } from '../fixtures/api/widget-actions.js';

class PingController extends Controller {
  index(): unknown {
    return {};
  }

  @wsgi.action('ping')
  ping(): void {}
}

/** An extension built from parts, for conflict cases. */
function givenExtension(
  alias: string,
  parts: {
    resources?: (self: APIExtensionBase) => ResourceExtension[];
    controllers?: (self: APIExtensionBase) => ControllerExtension[];
  }
): Extension<APIExtensionBase> {
  class Built extends APIExtensionBase {
    readonly name = alias;
    readonly alias = alias;
    override readonly version = 1;
    override getResources() {
      return parts.resources?.(this) ?? [];
    }
    override getControllerExtensions() {
      return parts.controllers?.(this) ?? [];
    }
  }
  return new Extension(alias, null, Built, new Built());
}

function givenRouter(
  extensions: Extension<APIExtensionBase>[],
  options: APIRouterOptions = {}
): APIRouter {
  return APIRouter.makeTestInstance(extensions, {
    logger: givenCapturedLogger().logger,
    ...options
  });
}

describe('API router start-up', () => {
  test('loads the fixture set and records the failures of the wrong type and bad identity', async () => {
    const { router } = await givenFixtureRouter();
    assert.deepEqual(router.names(), [
      'widgets',
      'widget_actions',
      'widget_extras',
      'gadgets',
      'fancy_widgets',
      'orphan'
    ]);
    const failures = Object.fromEntries(
      router.failures.map((failure) => [failure.name, failure.phase])
    );
    assert.deepEqual(failures, { not_an_extension: 'check', bad_identity: 'check' });
    assert.match(
      router.failures.find((failure) => failure.name === 'bad_identity')!.message,
      /alias "has spaces"/
    );
  });

  test('warns about a controller extension whose collection does not exist and records it', async () => {
    const { router, lines } = await givenFixtureRouter();
    assert.deepEqual(
      router.problems.map((problem) => [problem.kind, problem.extensions]),
      [['missing-collection', ['orphan']]]
    );
    assert.ok(
      lines.some(
        (line) =>
          line.level === 'warn' &&
          line.message.includes('extension orphan extends the collection "nonexistent"')
      )
    );
  });

  test('disables aliases by configuration, through the enabled check it inherits', async () => {
    const { router } = await givenFixtureRouter({ disabled: ['widget-extras'] });
    assert.ok(router instanceof EnabledExtensionManager);
    assert.deepEqual(
      router.disabled.map((extension) => extension.name),
      ['widget_extras']
    );
    assert.equal(router.registry.get('widget-extras')!.status, 'disabled');
    assert.equal(router.report().find((row) => row.name === 'widget_extras')!.status, 'disabled');
    const enabledOnly = await givenFixtureRouter({ enabled: ['widgets'] });
    assert.deepEqual(enabledOnly.router.names(), ['widgets']);
  });

  test('records what each extension contributes', async () => {
    const { router } = await givenFixtureRouter();
    const actions = router.registry.get('widget-actions')!;
    assert.deepEqual(actions.actions, [
      'widgets:polish',
      'widgets:explode',
      'widgets:undeclared',
      'widgets:rename',
      'widgets:shine'
    ]);
    assert.deepEqual(router.registry.get('widget-extras')!.extendedMethods, [
      'widgets:show',
      'widgets:show',
      'widgets:action:polish',
      'widgets:delete(pre)',
      'widgets:index'
    ]);
    assert.deepEqual(router.registry.get('gadgets')!.resources, ['widgets/gadgets']);
  });

  test('lists every route with handler, owner and microversion range', async () => {
    const { router } = await givenFixtureRouter();
    const routes = router.routes();
    assert.deepEqual(Object.keys(routes[0]!).sort(), [
      'details',
      'extension',
      'handler',
      'maxVersion',
      'method',
      'minVersion',
      'name',
      'path'
    ]);
    const find = (method: string, path: string, handler?: string) =>
      routes.find(
        (route) =>
          route.method === method && route.path === path && (!handler || route.handler === handler)
      );
    assert.deepEqual(find('PUT', '/widgets/{id}'), {
      name: 'update_widget',
      method: 'PUT',
      path: '/widgets/{id}',
      handler: 'WidgetsController.update',
      extension: 'widgets',
      minVersion: '2.3',
      maxVersion: null,
      details: ['.{format}']
    });
    assert.equal(
      find('POST', '/widgets/{id}/action', 'WidgetActionsController.polish [polish]')!.extension,
      'widget-actions'
    );
    assert.ok(find('GET', '/widgets/{widget_id}/gadgets/{id}'));
    const gadgetLists = routes
      .filter((route) => route.method === 'GET' && route.path === '/widgets/{widget_id}/gadgets')
      .map(({ handler, minVersion, maxVersion }) => ({ handler, minVersion, maxVersion }));
    assert.deepEqual(gadgetLists, [
      { handler: 'GadgetsController.index', minVersion: '2.1', maxVersion: '2.1' },
      {
        handler: 'GadgetsController.indexV22 (variant of index)',
        minVersion: '2.2',
        maxVersion: null
      }
    ]);
    assert.equal(
      find('PUT', '/widgets/{widget_id}/gadgets/{id}'),
      undefined,
      'methods the controller lacks are not listed'
    );
  });
});

describe('API router conflicts', () => {
  test('refuses two extensions with one alias, naming both', () => {
    assert.throws(() => givenRouter([givenExtension('same', {}), givenExtension('same', {})]), {
      code: 'WHARF_EXTENSION_CONFLICT',
      message: /extensions same and same both use the alias "same"/
    });
  });

  test('refuses a resource with no controller whose inherited collection is missing', () => {
    const resources = (self: APIExtensionBase) =>
      [new ResourceExtension('orphans', null, { inherits: 'nowhere' })].filter(() => self);
    assert.throws(() => givenRouter([givenExtension('orphaned', { resources })]), {
      code: 'WHARF_INVALID_DECLARATION',
      message:
        /extension orphaned: collection "orphans" has no controller, and "nowhere", whose controller it would use, is added by no extension/
    });
  });

  test('refuses two resources on one collection, naming both', () => {
    const resources = (self: APIExtensionBase) =>
      [new ResourceExtension('pings', new PingController())].filter(() => self);
    assert.throws(
      () =>
        givenRouter([
          givenExtension('first', { resources }),
          givenExtension('second', { resources })
        ]),
      {
        code: 'WHARF_EXTENSION_CONFLICT',
        message: /extensions first and second both add the collection "pings"/
      }
    );
  });

  test('refuses two actions with one key on one resource, naming both', () => {
    const base = givenExtension('pings', {
      resources: () => [new ResourceExtension('pings', new PingController())]
    });
    const extra = givenExtension('more-pings', {
      controllers: (self) => [new ControllerExtension(self, 'pings', new PingController())]
    });
    assert.throws(() => givenRouter([base, extra]), {
      code: 'WHARF_EXTENSION_CONFLICT',
      message: /extensions pings and more-pings both define action "ping" on pings/
    });
  });

  test('refuses two routes with one method and path, naming both', () => {
    const base = givenExtension('pings', {
      resources: () => [
        new ResourceExtension('pings', new PingController(), {
          customRoutes: (mapper, resource) =>
            mapper.connect({
              method: 'GET',
              path: '/pongs',
              action: 'index',
              target: resource,
              owner: 'pings'
            })
        })
      ]
    });
    const pongs = givenExtension('pongs', {
      resources: () => [new ResourceExtension('pongs', new PingController())]
    });
    assert.throws(() => givenRouter([base, pongs]), {
      code: 'WHARF_ROUTE_CONFLICT',
      message: /pings.*pongs|pongs.*pings/
    });
  });

  test('names the extension whose declaration is invalid', () => {
    class Twice extends Controller {
      @wsgi.action('x')
      a(): void {}
      @wsgi.action('x')
      b(): void {}
    }
    const bad = givenExtension('twice', {
      resources: () => [new ResourceExtension('twice', new Twice())]
    });
    assert.throws(() => givenRouter([bad]), {
      code: 'WHARF_INVALID_DECLARATION',
      message: /^extension twice: /
    });
  });

  test('builds from the fixture classes through makeTestInstance', () => {
    const router = givenRouter([
      new Extension('widgets', null, Widgets, new Widgets()),
      new Extension('widget_actions', null, WidgetActions, new WidgetActions())
    ]);
    assert.ok(
      router.routes().some((route) => route.handler === 'WidgetActionsController.polish [polish]')
    );
  });
});
