import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  APIVersionRequest,
  Controller,
  describeController,
  wsgi,
  type ApiRequest
} from '../../../core/api/index.js';
import { InvalidDeclarationError } from '../../../core/errors.js';

const v = (text: string) => APIVersionRequest.parse(text);

function isDeclarationError(pattern: RegExp) {
  return (error: unknown) =>
    error instanceof InvalidDeclarationError &&
    error.code === 'WHARF_INVALID_DECLARATION' &&
    pattern.test(error.message);
}

describe('@wsgi.action', () => {
  test('records the action key of a method', () => {
    class Servers extends Controller {
      @wsgi.action('os-start')
      start(_req: ApiRequest) {}
    }
    const descriptor = describeController(new Servers());
    assert.deepEqual([...descriptor.actions.keys()], ['os-start']);
    assert.equal(descriptor.actions.get('os-start')!.property, 'start');
    assert.equal(descriptor.methods.has('start'), false);
  });

  test('rejects an empty action name', () => {
    assert.throws(
      () => {
        class Servers extends Controller {
          @wsgi.action('')
          start() {}
        }
        return Servers;
      },
      isDeclarationError(/@action on Servers\.start: the action name must be a non-empty string/)
    );
  });

  test('rejects being applied twice to one method', () => {
    assert.throws(
      () => {
        class Servers extends Controller {
          @wsgi.action('os-start')
          @wsgi.action('start')
          start() {}
        }
        return Servers;
      },
      isDeclarationError(/applied more than once/)
    );
  });

  test('rejects a static method', () => {
    assert.throws(
      () => {
        class Servers extends Controller {
          @wsgi.action('os-start')
          static start() {}
        }
        return Servers;
      },
      isDeclarationError(/only instance methods/)
    );
  });
});

describe('@wsgi.extends', () => {
  test('extends the method with the same name after it by default', () => {
    class Extension extends Controller {
      @wsgi.extends()
      show(_req: ApiRequest) {}
    }
    const [spec] = describeController(new Extension()).extensions;
    assert.deepEqual(spec!.target, { kind: 'method', name: 'show' });
    assert.equal(spec!.phase, 'post');
  });

  test('targets an action or a named method, before or after', () => {
    class Extension extends Controller {
      @wsgi.extends({ action: 'resize', phase: 'pre' })
      checkResize(_req: ApiRequest) {}

      @wsgi.extends({ method: 'create' })
      addKeypair(_req: ApiRequest) {}
    }
    const specs = describeController(new Extension()).extensions;
    assert.deepEqual(
      specs.map((spec) => [spec.property, spec.target, spec.phase]),
      [
        ['checkResize', { kind: 'action', name: 'resize' }, 'pre'],
        ['addKeypair', { kind: 'method', name: 'create' }, 'post']
      ]
    );
  });

  test('rejects both an action and a method', () => {
    assert.throws(
      () => {
        class Extension extends Controller {
          @wsgi.extends({ action: 'resize', method: 'create' })
          both() {}
        }
        return Extension;
      },
      isDeclarationError(/either action or method/)
    );
  });

  test('rejects an unknown phase', () => {
    assert.throws(
      () => {
        class Extension extends Controller {
          @wsgi.extends({ phase: 'during' as 'pre' })
          show() {}
        }
        return Extension;
      },
      isDeclarationError(/phase must be 'pre' or 'post'/)
    );
  });
});

describe('@wsgi.response', () => {
  test('records one code per version range in source order', () => {
    class Keypairs extends Controller {
      @wsgi.response(200, '2.1', '2.1')
      @wsgi.response(201, '2.2')
      create(_req: ApiRequest) {}
    }
    const spec = describeController(new Keypairs()).methods.get('create')!;
    assert.deepEqual(spec.responseCodes, [
      { code: 200, range: { min: v('2.1'), max: v('2.1') } },
      { code: 201, range: { min: v('2.2'), max: null } }
    ]);
  });

  test('rejects a code that is not a success code', () => {
    assert.throws(
      () => {
        class Keypairs extends Controller {
          @wsgi.response(404)
          create() {}
        }
        return Keypairs;
      },
      isDeclarationError(/404 is not a 2xx or 3xx status code/)
    );
  });

  test('rejects a malformed version', () => {
    assert.throws(
      () => {
        class Keypairs extends Controller {
          @wsgi.response(201, '2.01')
          create() {}
        }
        return Keypairs;
      },
      isDeclarationError(/@response on Keypairs\.create: version "2\.01" is not of the form/)
    );
  });
});

describe('@wsgi.expectedErrors', () => {
  test('records a single code or a list, per range', () => {
    class Servers extends Controller {
      @wsgi.expectedErrors(404)
      @wsgi.expectedErrors([400, 409], '2.3')
      show(_req: ApiRequest) {}
    }
    const spec = describeController(new Servers()).methods.get('show')!;
    assert.deepEqual(spec.expectedErrors, [
      { codes: [404], range: { min: null, max: null } },
      { codes: [400, 409], range: { min: v('2.3'), max: null } }
    ]);
  });

  test('rejects a code that is not an error code', () => {
    assert.throws(
      () => {
        class Servers extends Controller {
          @wsgi.expectedErrors([404, 200])
          show() {}
        }
        return Servers;
      },
      isDeclarationError(/200 is not an error status code/)
    );
  });
});

describe('@wsgi.apiVersion', () => {
  test('records the range in which a method exists', () => {
    class Servers extends Controller {
      @wsgi.apiVersion('2.3', '2.40')
      show(_req: ApiRequest) {}

      index(_req: ApiRequest) {}
    }
    const descriptor = describeController(new Servers());
    assert.deepEqual(descriptor.methods.get('show')!.range, { min: v('2.3'), max: v('2.40') });
    assert.deepEqual(descriptor.methods.get('index')!.range, { min: null, max: null });
  });

  test('rejects a minimum above the maximum', () => {
    assert.throws(
      () => {
        class Servers extends Controller {
          @wsgi.apiVersion('2.10', '2.9')
          show() {}
        }
        return Servers;
      },
      isDeclarationError(/minimum version 2\.10 is above maximum 2\.9/)
    );
  });

  test('rejects being applied twice to one method', () => {
    assert.throws(
      () => {
        class Servers extends Controller {
          @wsgi.apiVersion('2.1', '2.5')
          @wsgi.apiVersion('2.6')
          show() {}
        }
        return Servers;
      },
      isDeclarationError(/@apiVersion on Servers\.show: applied more than once/)
    );
  });
});

describe('@wsgi.policy', () => {
  test('records the rule a method enforces, null where none is declared', () => {
    class Servers extends Controller {
      @wsgi.policy('os_compute_api:servers:show')
      show(_req: ApiRequest) {}

      index(_req: ApiRequest) {}
    }
    const descriptor = describeController(new Servers());
    assert.deepEqual(descriptor.methods.get('show')!.policy, {
      rule: 'os_compute_api:servers:show',
      subRules: []
    });
    assert.equal(descriptor.methods.get('index')!.policy, null);
  });

  test('records the sub-rules by their full names, sorted', () => {
    class Servers extends Controller {
      @wsgi.policy('os_compute_api:servers:index', 'get_all_tenants', 'another')
      index(_req: ApiRequest) {}
    }
    assert.deepEqual(describeController(new Servers()).methods.get('index')!.policy, {
      rule: 'os_compute_api:servers:index',
      subRules: [
        'os_compute_api:servers:index:another',
        'os_compute_api:servers:index:get_all_tenants'
      ]
    });
  });

  test('rejects a sub-rule that is not the last part of a name, or one named twice', () => {
    for (const [subRules, message] of [
      [['a:b'], /Servers\.index: @policy sub-rule "a:b" is not the last part of a rule name/],
      [[''], /Servers\.index: @policy sub-rule "" is not/],
      [['x', 'x'], /Servers\.index: @policy names a sub-rule twice/]
    ] as const) {
      assert.throws(() => {
        class Servers extends Controller {
          @wsgi.policy('os_compute_api:servers:index', ...subRules)
          index() {}
        }
        return Servers;
      }, isDeclarationError(message));
    }
  });

  test('rejects an empty rule name', () => {
    assert.throws(
      () => {
        class Servers extends Controller {
          @wsgi.policy(' ')
          show() {}
        }
        return Servers;
      },
      isDeclarationError(/Servers\.show: @policy needs a rule name/)
    );
  });
});

describe('@wsgi.schema and @wsgi.querySchema', () => {
  test('compile one validator per declared range', () => {
    class Servers extends Controller {
      @wsgi.schema({ type: 'object' }, '2.1', '2.18')
      @wsgi.schema({ type: 'object', required: ['server'] }, '2.19')
      @wsgi.querySchema({ type: 'object' })
      create(_req: ApiRequest) {}
    }
    const spec = describeController(new Servers()).methods.get('create')!;
    assert.deepEqual(
      spec.schemas.map((entry) => entry.range),
      [
        { min: v('2.1'), max: v('2.18') },
        { min: v('2.19'), max: null }
      ]
    );
    assert.equal(spec.querySchemas.length, 1);
    assert.doesNotThrow(() => spec.schemas[1]!.validate({ server: {} }));
    assert.throws(() => spec.schemas[1]!.validate({}), { code: 'WHARF_VALIDATION_FAILED' });
  });

  test('rejects a schema that is not an object', () => {
    assert.throws(
      () => {
        class Servers extends Controller {
          @wsgi.querySchema('object' as unknown as object)
          index() {}
        }
        return Servers;
      },
      isDeclarationError(/@querySchema on Servers\.index: the schema must be an object/)
    );
  });

  test('reports a schema ajv rejects when the controller is described', () => {
    class Servers extends Controller {
      @wsgi.schema({ type: 'object', requried: ['server'] })
      create() {}
    }
    assert.throws(
      () => describeController(new Servers()),
      isDeclarationError(/^Servers\.create: invalid JSON schema: .*requried/)
    );
  });
});

describe('@wsgi.variant', () => {
  test('groups the versions of one method, the plain one first', () => {
    class Servers extends Controller {
      @wsgi.apiVersion('2.1', '2.18')
      show(_req: ApiRequest) {}

      @wsgi.variant('show')
      @wsgi.apiVersion('2.19')
      showV219(_req: ApiRequest) {}
    }
    const descriptor = describeController(new Servers());
    assert.deepEqual(
      descriptor.variants.get('show')!.map((spec) => spec.property),
      ['show', 'showV219']
    );
    assert.equal(descriptor.methods.has('show'), false);
    assert.equal(descriptor.methods.has('showV219'), false);
  });

  test('refuses versions of one method whose ranges overlap, naming both', () => {
    class Servers extends Controller {
      show(_req: ApiRequest) {}

      @wsgi.variant('show')
      @wsgi.apiVersion('2.19')
      showV219(_req: ApiRequest) {}
    }
    assert.throws(
      () => describeController(new Servers()),
      isDeclarationError(/show\(\) \(any\) and showV219\(\) \(2\.19-\) both serve show/)
    );
  });

  test('refuses a method that is both a variant and an action', () => {
    class Servers extends Controller {
      @wsgi.variant('show')
      @wsgi.action('os-start')
      start(_req: ApiRequest) {}
    }
    assert.throws(
      () => describeController(new Servers()),
      isDeclarationError(/only one of @action, @extends and @variant/)
    );
  });
});

describe('dispatchable methods', () => {
  test('are the standard methods and decorated ones, never an undecorated helper', () => {
    class Servers extends Controller {
      index(_req: ApiRequest) {}

      @wsgi.expectedErrors(404)
      glanceShow(_req: ApiRequest) {}

      find(_id: string) {}

      boot() {}
    }
    assert.deepEqual([...describeController(new Servers()).methods.keys()].sort(), [
      'glanceShow',
      'index'
    ]);
  });
});
