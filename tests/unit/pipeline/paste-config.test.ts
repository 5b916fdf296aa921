import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PasteConfigError } from '../../../core/errors.js';
import { parsePasteConfig } from '../../../core/pipeline/paste-config.js';

const VALID = [
  '[DEFAULT]',
  'region = one',
  '[composite:main]',
  'use = urlmap',
  '/ = versions',
  '/v2.1/ = api',
  '[composite:api]',
  'use = auth_pipeline',
  'noauth2 = request_id app',
  'token = request_id',
  '    authtoken app',
  '[pipeline:versions]',
  'pipeline = request_id versions_app',
  '[filter:request_id]',
  'use = request_id',
  '[filter:authtoken]',
  'use = authtoken',
  'delay_auth_decision = true',
  '[app:app]',
  'use = api_router',
  '[app:versions_app]',
  'use = versions'
];

function givenPaste(...lines: string[]): string {
  return lines.join('\n');
}

/** Asserts parsing fails with the paste code and a message matching `pattern`. */
function assertRejected(text: string, pattern: RegExp): void {
  assert.throws(
    () => parsePasteConfig(text, 'api-paste.ini'),
    (error: unknown) => {
      assert.ok(error instanceof PasteConfigError);
      assert.equal(error.code, 'WHARF_PASTE_CONFIG_INVALID');
      assert.match(error.message, pattern);
      return true;
    }
  );
}

describe('parsePasteConfig', () => {
  test('reads every section type into a typed section', () => {
    const config = parsePasteConfig(givenPaste(...VALID), 'api-paste.ini');
    assert.deepEqual(config.globalConf, { region: 'one' });
    assert.deepEqual(config.sections.get('main'), {
      name: 'main',
      line: 3,
      kind: 'composite',
      use: 'urlmap',
      mappings: [
        { prefix: '', path: '/', target: 'versions', line: 5 },
        { prefix: '/v2.1', path: '/v2.1/', target: 'api', line: 6 }
      ]
    });
    const api = config.sections.get('api');
    assert.ok(api?.kind === 'composite' && api.use === 'auth_pipeline');
    assert.deepEqual(api.pipelines.get('token'), {
      names: ['request_id', 'authtoken', 'app'],
      line: 10
    });
    assert.deepEqual(config.sections.get('authtoken'), {
      name: 'authtoken',
      line: 16,
      kind: 'filter',
      use: 'authtoken',
      useLine: 17,
      localConf: { delay_auth_decision: 'true' }
    });
    assert.deepEqual(config.sections.get('versions'), {
      name: 'versions',
      line: 12,
      kind: 'pipeline',
      pipeline: { names: ['request_id', 'versions_app'], line: 13 }
    });
  });

  test('rejects an unknown section type', () => {
    assertRejected(
      givenPaste('[server:main]', 'use = x'),
      /^api-paste\.ini:1: \[server:main\] has an unknown section type/
    );
    assertRejected(
      givenPaste('[main]', 'use = x'),
      /^api-paste\.ini:1: \[main\] has an unknown section type/
    );
  });

  test('rejects a filter, app or composite without use', () => {
    assertRejected(
      givenPaste('[filter:a]', 'x = 1'),
      /^api-paste\.ini:1: \[filter:a\] is missing "use = <name>"/
    );
    assertRejected(
      givenPaste('[app:a]', 'use ='),
      /^api-paste\.ini:2: \[app:a\] is missing "use = <name>"/
    );
    assertRejected(
      givenPaste('[composite:a]', '/ = b'),
      /^api-paste\.ini:1: \[composite:a\] is missing/
    );
  });

  test('rejects an unknown composite type', () => {
    assertRejected(
      givenPaste('[composite:a]', 'use = egg:Paste#urlmap'),
      /^api-paste\.ini:2: \[composite:a\] has unknown composite type/
    );
  });

  test('rejects a pipeline section without pipeline or with other keys', () => {
    assertRejected(
      givenPaste('[pipeline:p]'),
      /^api-paste\.ini:1: \[pipeline:p\] is missing "pipeline/
    );
    assertRejected(
      givenPaste('[pipeline:p]', 'pipeline = a', 'use = b'),
      /^api-paste\.ini:3: \[pipeline:p\] has unknown key "use"/
    );
    assertRejected(
      givenPaste('[pipeline:p]', 'pipeline ='),
      /^api-paste\.ini:2: \[pipeline:p\] has an empty pipeline/
    );
  });

  test('rejects two sections with one name', () => {
    assertRejected(
      givenPaste('[app:a]', 'use = x', '[filter:a]', 'use = y'),
      /^api-paste\.ini:3: \[filter:a\] reuses the name of \[app:a\] at line 1/
    );
  });

  test('rejects a reference to an unknown name', () => {
    assertRejected(
      givenPaste('[pipeline:p]', 'pipeline = missing app', '[app:app]', 'use = x'),
      /^api-paste\.ini:2: \[pipeline:p\] refers to unknown name "missing"/
    );
    assertRejected(
      givenPaste('[composite:c]', 'use = urlmap', '/v1 = nowhere'),
      /^api-paste\.ini:3: \[composite:c\] refers to unknown name "nowhere" \(urlmap target of \/v1\)/
    );
  });

  test('rejects a pipeline without an app (last element is a filter)', () => {
    assertRejected(
      givenPaste(
        '[pipeline:p]',
        'pipeline = f1 f2',
        '[filter:f1]',
        'use = x',
        '[filter:f2]',
        'use = y'
      ),
      /^api-paste\.ini:2: \[pipeline:p\] has a pipeline without an app: pipeline ends with filter "f2" \(\[filter:f2\] at line 5\)/
    );
    assertRejected(
      givenPaste('[composite:c]', 'use = auth_pipeline', 'noauth2 = f1', '[filter:f1]', 'use = x'),
      /^api-paste\.ini:3: \[composite:c\] has a pipeline without an app: pipeline "noauth2" ends with filter "f1"/
    );
  });

  test('rejects an app used as a filter', () => {
    assertRejected(
      givenPaste('[pipeline:p]', 'pipeline = a b', '[app:a]', 'use = x', '[app:b]', 'use = y'),
      /^api-paste\.ini:2: \[pipeline:p\] uses "a" as a filter in pipeline, but it is \[app:a\] at line 3/
    );
  });

  test('rejects a filter used as an app', () => {
    assertRejected(
      givenPaste('[composite:c]', 'use = urlmap', '/ = f', '[filter:f]', 'use = x'),
      /^api-paste\.ini:3: \[composite:c\] uses filter "f" as an app \(urlmap target of \/; \[filter:f\] at line 4\)/
    );
  });

  test('rejects a composite cycle, naming the loop', () => {
    assertRejected(
      givenPaste(
        '[composite:a]',
        'use = urlmap',
        '/x = p',
        '[pipeline:p]',
        'pipeline = f a',
        '[filter:f]',
        'use = x'
      ),
      /^api-paste\.ini:5: \[pipeline:p\] closes a cycle: \[composite:a\] -> \[pipeline:p\] -> \[composite:a\]/
    );
    assertRejected(
      givenPaste('[composite:a]', 'use = urlmap', '/ = a'),
      /^api-paste\.ini:3: \[composite:a\] closes a cycle: \[composite:a\] -> \[composite:a\]/
    );
  });

  test('rejects bad urlmap paths', () => {
    assertRejected(
      givenPaste('[composite:c]', 'use = urlmap', 'v2 = a', '[app:a]', 'use = x'),
      /^api-paste\.ini:3: \[composite:c\] has urlmap path "v2"; paths start with \//
    );
    assertRejected(
      givenPaste('[composite:c]', 'use = urlmap', '/v2 = a', '/v2/ = a', '[app:a]', 'use = x'),
      /^api-paste\.ini:4: \[composite:c\] maps \/v2\/, the same path as \/v2 at line 3/
    );
    assertRejected(
      givenPaste('[composite:c]', 'use = urlmap', '/v2 = a b'),
      /^api-paste\.ini:3: \[composite:c\] maps \/v2 to "a b"; expected one name/
    );
  });

  test('rejects an auth_pipeline without strategies', () => {
    assertRejected(
      givenPaste('[composite:c]', 'use = auth_pipeline'),
      /^api-paste\.ini:2: \[composite:c\] defines no "strategy/
    );
  });
});
