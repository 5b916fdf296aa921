import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  APIExtensionBase,
  Controller,
  ControllerExtension,
  Extension,
  ResourceExtension,
  wsgi,
  type ApiRequest,
  type ResponseObject
} from '../../../core/index.js';
import { APIRouter } from '../../../core/api/api-router.js';
import { describeController } from '../../../core/api/controller-descriptor.js';
import { givenExtension } from '../../helpers/built-extension.js';
import { givenCapturedLogger } from '../../helpers/capture-logger.js';

class ThingsController extends Controller {
  show(req: ApiRequest) {
    return { thing: { id: req.params.id } };
  }
}

class ColourController extends Controller {
  @wsgi.extends()
  @wsgi.addsFields('thing', { colour: { type: 'string' } })
  show(_req: ApiRequest, resp: ResponseObject) {
    (resp.obj as { thing: Record<string, unknown> }).thing.colour = 'red';
  }
}

class ShadeController extends Controller {
  @wsgi.extends({ method: 'show' })
  @wsgi.addsFields('thing', { colour: { type: 'string' } })
  shade(_req: ApiRequest, _resp: ResponseObject) {}
}

class MissingTargetController extends Controller {
  @wsgi.extends({ method: 'detail' })
  @wsgi.addsFields('things[]', { size: { type: 'integer' } })
  detail(_req: ApiRequest, _resp: ResponseObject) {}
}

const things = givenExtension('things', () => ({
  getResources: () => [new ResourceExtension('things', new ThingsController())]
}));

function adding(alias: string, controller: Controller): Extension<APIExtensionBase> {
  return givenExtension(alias, (self) => ({
    getControllerExtensions: () => [new ControllerExtension(self, 'things', controller)]
  }));
}

describe('@wsgi.addsFields', () => {
  test('is recorded on the extension method with its place and schemas', () => {
    const [spec] = describeController(new ColourController()).extensions;
    assert.deepEqual(spec!.addedFields, [{ at: 'thing', fields: { colour: { type: 'string' } } }]);
  });

  test('belongs on a post-processing @extends method only', () => {
    class Misplaced extends Controller {
      @wsgi.addsFields('thing', { colour: { type: 'string' } })
      show() {}
    }
    assert.throws(() => describeController(new Misplaced()), {
      code: 'WHARF_INVALID_DECLARATION',
      message: /Misplaced\.show: @addsFields belongs on a post-processing @extends method/
    });
  });

  test('refuses a bad place or no fields', () => {
    const show = { value: () => undefined };
    assert.throws(() => wsgi.addsFields('a b', { x: {} })({}, 'show', show), {
      code: 'WHARF_INVALID_DECLARATION',
      message: /the place must be a response key/
    });
    assert.throws(() => wsgi.addsFields('thing', {})({}, 'show', show), {
      code: 'WHARF_INVALID_DECLARATION',
      message: /at least one field/
    });
  });
});

describe('declared fields at start-up', () => {
  test('two extensions adding one field to one response stop assembly naming both', () => {
    const { logger } = givenCapturedLogger();
    assert.throws(
      () =>
        APIRouter.makeTestInstance(
          [
            things,
            adding('colour', new ColourController()),
            adding('shade', new ShadeController())
          ],
          { logger }
        ),
      {
        code: 'WHARF_EXTENSION_CONFLICT',
        message:
          'extensions shade and colour both add the field "colour" to "thing" of things method show'
      }
    );
  });

  test('one extension adding a field is fine', () => {
    const { logger } = givenCapturedLogger();
    const router = APIRouter.makeTestInstance([things, adding('colour', new ColourController())], {
      logger
    });
    assert.deepEqual(router.problems, []);
  });

  test('an extension method whose target does not exist is a reported problem', () => {
    const { logger } = givenCapturedLogger();
    const router = APIRouter.makeTestInstance(
      [things, adding('sizes', new MissingTargetController())],
      {
        logger
      }
    );
    assert.deepEqual(
      router.problems.map(({ kind, extensions }) => [kind, extensions]),
      [['missing-target', ['sizes']]]
    );
    assert.match(
      router.problems[0]!.message,
      /extends method "detail" of "things", which does not exist/
    );
  });
});
