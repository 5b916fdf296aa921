import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { PasteConfigError } from '../../../core/errors.js';
import { loadPasteConfig, parsePasteConfig } from '../../../core/pipeline/paste-config.js';
import type { PasteSection } from '../../../core/pipeline/paste-sections.js';

const VALID = [
  '[DEFAULT]',
  'region = one',
  '[composite:main]',
  'use = urlmap',
  '/ = versions',
  '/v2.1/ = api',
  '[composite:api]',
  'use = call:nova.api.auth:pipeline_factory_v21',
  'noauth2 = request_id app',
  'token = request_id',
  '    authtoken app',
  '[pipeline:versions]',
  'pipeline = request_id versions_app',
  '[filter:request_id]',
  'paste.filter_factory = nova.api.compute_req_id:ComputeReqIdMiddleware.factory',
  '[filter:authtoken]',
  'use = egg:wharf#authtoken',
  'delay_auth_decision = true',
  '[app:app]',
  'use = api_router',
  '[app:versions_app]',
  'use = versions_entry'
];

function givenPaste(...lines: string[]): string {
  return lines.join('\n');
}

function section(text: string, name: string): PasteSection {
  return parsePasteConfig(text, '/etc/wharf/api-paste.ini').sections.get(name)!;
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
    const config = parsePasteConfig(givenPaste(...VALID), '/etc/wharf/api-paste.ini');
    assert.deepEqual(config.globalConf, {
      here: '/etc/wharf',
      __file__: '/etc/wharf/api-paste.ini',
      region: 'one'
    });
    const main = config.sections.get('main');
    assert.ok(main?.kind === 'composite');
    assert.deepEqual(main.factory, { scheme: 'entry', name: 'urlmap' });
    assert.deepEqual(main.entries, [
      { key: '/', value: 'versions', line: 5 },
      { key: '/v2.1/', value: 'api', line: 6 }
    ]);
    const api = config.sections.get('api');
    assert.ok(api?.kind === 'composite');
    assert.deepEqual(api.factory, { scheme: 'python', name: 'nova.api.auth:pipeline_factory_v21' });
    assert.equal(api.entries[1]!.value, 'request_id\nauthtoken app');
    const requestId = config.sections.get('request_id');
    assert.ok(requestId?.kind === 'filter');
    assert.deepEqual(requestId.factory, {
      scheme: 'python',
      name: 'nova.api.compute_req_id:ComputeReqIdMiddleware.factory'
    });
    const authtoken = config.sections.get('authtoken');
    assert.ok(authtoken?.kind === 'filter');
    assert.deepEqual(authtoken.factory, { scheme: 'egg', dist: 'wharf', name: 'authtoken' });
    assert.deepEqual(authtoken.entries, [{ key: 'delay_auth_decision', value: 'true', line: 18 }]);
    const versions = config.sections.get('versions');
    assert.ok(versions?.kind === 'pipeline');
    assert.deepEqual(versions.pipeline, { names: ['request_id', 'versions_app'], line: 13 });
  });

  test('interpolates %(here)s, %(__file__)s and %(name)s, and %% as a literal %', () => {
    const found = section(
      givenPaste(
        '[DEFAULT]',
        'root = %(here)s/data',
        '[app:a]',
        'use = x',
        'file = %(__file__)s',
        'data = %(root)s/a',
        'own = %(data)s.db',
        'ratio = 50%%'
      ),
      'a'
    );
    assert.ok(found.kind === 'app');
    assert.deepEqual(Object.fromEntries(found.entries.map(({ key, value }) => [key, value])), {
      file: '/etc/wharf/api-paste.ini',
      data: '/etc/wharf/data/a',
      own: '/etc/wharf/data/a.db',
      ratio: '50%'
    });
    assert.equal(found.defaults.root, '/etc/wharf/data');
  });

  test('rejects an unknown or looping interpolation, naming the line', () => {
    assertRejected(
      givenPaste('[app:a]', 'use = x', 'y = %(nowhere)s'),
      /^api-paste\.ini:3: \[app:a\] refers to %\(nowhere\)s/
    );
    assertRejected(
      givenPaste('[app:a]', 'use = x', 'y = 5% off'),
      /^api-paste\.ini:3: \[app:a\] has a "%"/
    );
    assertRejected(
      givenPaste('[app:a]', 'use = x', 'p = %(q)s', 'q = %(p)s'),
      /^api-paste\.ini:3: \[app:a\] nests %\(name\)s references more than 10 deep/
    );
  });

  test('reads set and get overrides as overrides, not as keys', () => {
    const found = section(
      givenPaste(
        '[DEFAULT]',
        'debug = false',
        '[app:a]',
        'use = x',
        'set debug = true',
        'get verbose = debug'
      ),
      'a'
    );
    assert.deepEqual(found.sets, { debug: 'true' });
    assert.deepEqual(found.gets, [{ local: 'verbose', global: 'debug', line: 6 }]);
    assert.ok(found.kind === 'app');
    assert.deepEqual(found.entries, []);
  });

  test('rejects a local key that shadows a [DEFAULT] key (paste would ignore it)', () => {
    assertRejected(
      givenPaste('[DEFAULT]', 'debug = false', '[app:a]', 'use = x', 'debug = true'),
      /^api-paste\.ini:5: \[app:a\] sets "debug", which is also a \[DEFAULT\] key.*set debug = \.\.\./
    );
  });

  test('reads filter-with and filter-app next as references', () => {
    const text = givenPaste(
      '[app:a]',
      'use = x',
      'filter-with = f',
      '[filter:f]',
      'use = y',
      '[filter-app:fa]',
      'use = y',
      'next = a'
    );
    assert.deepEqual(section(text, 'a').filterWith, [
      { name: 'f', line: 3, scope: '/etc/wharf/api-paste.ini' }
    ]);
    const filterApp = section(text, 'fa');
    assert.ok(filterApp.kind === 'filter-app');
    assert.equal(filterApp.next.name, 'a');
  });

  test('inherits from another section named by use, its keys on top', () => {
    const text = givenPaste(
      '[filter:base]',
      'use = mark',
      'label = base',
      'size = 1',
      '[filter:child]',
      'use = base',
      'label = child'
    );
    const child = section(text, 'child');
    assert.ok(child.kind === 'filter');
    assert.deepEqual(child.factory, { scheme: 'entry', name: 'mark' });
    assert.deepEqual(
      child.entries.map(({ key, value }) => [key, value]),
      [
        ['size', '1'],
        ['label', 'child']
      ]
    );
  });

  test('takes a section of another file with use = config:FILE#SECTION, relative to the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wharf-paste-'));
    writeFileSync(
      join(dir, 'shared.ini'),
      givenPaste(
        '[DEFAULT]',
        'zone = shared',
        '[pipeline:main]',
        'pipeline = f app',
        '[filter:f]',
        'use = mark',
        '[app:app]',
        'use = answer'
      )
    );
    writeFileSync(
      join(dir, 'api-paste.ini'),
      givenPaste('[app:api]', 'use = config:shared.ini#main')
    );
    const config = loadPasteConfig(join(dir, 'api-paste.ini'));
    const api = config.sections.get('api')!;
    assert.equal(api.kind, 'pipeline');
    assert.equal(api.scope, join(dir, 'shared.ini'));
    assert.equal(api.defaults.zone, 'shared');
    assert.ok(config.scopes.get(join(dir, 'shared.ini'))!.has('f'));
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

  test('rejects a filter, app or composite without a factory', () => {
    assertRejected(
      givenPaste('[filter:a]', 'x = 1'),
      /^api-paste\.ini:1: \[filter:a\] is missing "use = <name>"/
    );
    assertRejected(
      givenPaste('[app:a]', 'use ='),
      /^api-paste\.ini:2: \[app:a\] has an empty "use"/
    );
    assertRejected(
      givenPaste('[composite:a]', '/ = b'),
      /^api-paste\.ini:1: \[composite:a\] is missing/
    );
    assertRejected(
      givenPaste('[filter-app:a]', 'use = f'),
      /^api-paste\.ini:1: \[filter-app:a\] is missing "next = <app>"/
    );
  });

  test('rejects a factory named twice, a protocol of another kind, an unknown scheme', () => {
    assertRejected(
      givenPaste('[app:a]', 'use = x', 'paste.app_factory = m:f'),
      /^api-paste\.ini:3: \[app:a\] names its factory twice/
    );
    assertRejected(
      givenPaste('[app:a]', 'paste.filter_factory = m:f'),
      /^api-paste\.ini:2: \[app:a\] uses "paste.filter_factory" in a app section; expected paste.app_factory/
    );
    assertRejected(
      givenPaste('[app:a]', 'use = http:x'),
      /^api-paste\.ini:2: \[app:a\] has "use = http:x": unknown scheme "http"/
    );
    assertRejected(
      givenPaste('[app:a]', 'use = call:nodots'),
      /^api-paste\.ini:2: \[app:a\] names "nodots"; expected a Python name/
    );
  });

  test('rejects a section that uses one of the wrong kind, or itself through others', () => {
    assertRejected(
      givenPaste('[filter:f]', 'use = a', '[app:a]', 'use = x'),
      /^api-paste\.ini:2: \[filter:f\] uses \[app:a\], but a filter section can only use a filter/
    );
    assertRejected(
      givenPaste('[app:a]', 'use = b', '[app:b]', 'use = a'),
      /\[app:b\] inherits from itself: a -> b -> a/
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
      givenPaste('[app:a]', 'use = x', 'filter-with = nope'),
      /^api-paste\.ini:3: \[app:a\] refers to unknown name "nope" \(filter-with\)/
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
  });

  test('rejects an app used as a filter, or a filter used as an app', () => {
    assertRejected(
      givenPaste('[pipeline:p]', 'pipeline = a b', '[app:a]', 'use = x', '[app:b]', 'use = y'),
      /^api-paste\.ini:2: \[pipeline:p\] uses "a" as a filter in pipeline, but it is \[app:a\] at line 3/
    );
    assertRejected(
      givenPaste('[app:a]', 'use = x', 'filter-with = b', '[app:b]', 'use = y'),
      /^api-paste\.ini:3: \[app:a\] has filter-with "b", but it is \[app:b\] at line 4, not a filter/
    );
    assertRejected(
      givenPaste('[filter-app:a]', 'use = x', 'next = f', '[filter:f]', 'use = y'),
      /^api-paste\.ini:3: \[filter-app:a\] uses filter "f" as an app \(next;/
    );
  });

  test('rejects a cycle, naming the loop', () => {
    assertRejected(
      givenPaste(
        '[filter-app:a]',
        'use = f',
        'next = p',
        '[pipeline:p]',
        'pipeline = f a',
        '[filter:f]',
        'use = x'
      ),
      /^api-paste\.ini:5: \[pipeline:p\] closes a cycle: \[filter-app:a\] -> \[pipeline:p\] -> \[filter-app:a\]/
    );
  });
});
