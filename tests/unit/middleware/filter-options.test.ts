import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError, UndeclaredOptionError } from '../../../core/errors.js';
import { FilterOptions, type FilterOptionSpec } from '../../../core/middleware/filter-options.js';
import { defineOptions } from '../../../core/option-group.js';
import { givenConfigContainer, givenFactoryContext } from './given.js';

const DEMO = defineOptions('demo', [
  { section: 'demo', name: 'size', type: 'int', min: 1, max: 50, default: 7, help: 'A size.' },
  { section: 'demo', name: 'name', type: 'string', default: 'x', help: 'A name.' },
  { section: 'demo', name: 'flag', type: 'bool', default: true, help: 'A flag.' },
  { section: 'demo', name: 'items', type: 'list', default: ['a'], help: 'Items.' },
  {
    section: 'demo',
    name: 'mode',
    type: 'enum',
    choices: ['one', 'two'],
    default: 'two',
    help: 'A mode.'
  },
  { section: 'demo', name: 'key', type: 'string', secret: true, default: '', help: 'A secret.' }
]);

/** A paste-only option, and one whose default is another option's value. */
const PASTE_ONLY = [
  { name: 'local', type: 'string', default: 'here', help: 'Paste only.' },
  { name: 'burst', type: 'int', min: 1, defaultText: '`size`', help: 'Defaults to size.' }
] as const satisfies readonly FilterOptionSpec[];

const SPECS = [...DEMO.specs, ...PASTE_ONLY] as const;

function givenOptions(conf: Record<string, string>) {
  return FilterOptions.of('demo', givenFactoryContext(conf), SPECS);
}

/** Asserts a ConfigError that names the filter and the option. */
function assertBadOption(read: () => unknown, option: string): void {
  assert.throws(read, (error: unknown) => {
    assert.ok(error instanceof ConfigError);
    assert.equal(error.code, 'WHARF_CONFIG_INVALID');
    assert.match(error.message, new RegExp(`filter demo: option ${option} `));
    return true;
  });
}

describe('FilterOptions', () => {
  test('without a loaded configuration, missing and empty values are the declared defaults', () => {
    const options = givenOptions({ size: '', name: '  ' });
    assert.equal(options.get('size'), 7);
    assert.equal(options.get('name'), 'x');
    assert.equal(options.get('flag'), true);
    assert.deepEqual(options.get('items'), ['a']);
    assert.equal(options.get('mode'), 'two');
    assert.equal(options.get('local'), 'here');
  });

  test('an option declared without a default reads as undefined until set', () => {
    assert.equal(givenOptions({}).get('burst'), undefined);
    assert.equal(givenOptions({ burst: '3' }).get('burst'), 3);
  });

  test('parses integers within the declared bounds', () => {
    assert.equal(givenOptions({ size: ' 42 ' }).get('size'), 42);
    assertBadOption(() => givenOptions({ size: '4k' }).get('size'), 'size');
    assertBadOption(() => givenOptions({ size: '1.5' }).get('size'), 'size');
    assertBadOption(() => givenOptions({ size: '0' }).get('size'), 'size');
    assertBadOption(() => givenOptions({ size: '51' }).get('size'), 'size');
    assertBadOption(() => givenOptions({ burst: '0' }).get('burst'), 'burst');
  });

  test('parses paste booleans in any case', () => {
    for (const word of ['true', 'Yes', 'ON', '1'])
      assert.equal(givenOptions({ flag: word }).get('flag'), true);
    for (const word of ['false', 'No', 'off', '0'])
      assert.equal(givenOptions({ flag: word }).get('flag'), false);
    assertBadOption(() => givenOptions({ flag: 'maybe' }).get('flag'), 'flag');
  });

  test('splits lists on commas and keeps an explicitly empty list', () => {
    assert.deepEqual(givenOptions({ items: 'a, b,,c ' }).get('items'), ['a', 'b', 'c']);
    assert.deepEqual(givenOptions({ items: '' }).get('items'), []);
  });

  test('accepts only the declared choices', () => {
    assert.equal(givenOptions({ mode: 'one' }).get('mode'), 'one');
    assertBadOption(() => givenOptions({ mode: 'three' }).get('mode'), 'mode');
  });

  test('never shows the value of a secret option', () => {
    const options = givenOptions({});
    assert.throws(
      () => options.fail('key', 's3cret', 'expected more'),
      (error: Error) =>
        !error.message.includes('s3cret') && /option key is invalid/.test(error.message)
    );
  });

  test('reads the wharf.conf section behind the paste section, and the paste value first', () => {
    const container = givenConfigContainer({
      demo: { size: 9, items: ['p', 'q'], local: 'ignored' }
    });
    const behind = FilterOptions.of('demo', givenFactoryContext({}, { container }), SPECS);
    assert.equal(behind.get('size'), 9);
    assert.deepEqual(behind.get('items'), ['p', 'q']);
    assert.equal(behind.get('local'), 'here', 'a paste-only option has no wharf.conf value');
    const first = FilterOptions.of(
      'demo',
      givenFactoryContext({ size: '3' }, { container }),
      SPECS
    );
    assert.equal(first.get('size'), 3);
  });

  test('reading an option the filter does not declare is an error with its own code', () => {
    const options = FilterOptions.of('demo', givenFactoryContext({ extra: '1' }), DEMO.specs);
    assert.throws(
      () => (options as FilterOptions).get('extra'),
      (error: unknown) => {
        assert.ok(error instanceof UndeclaredOptionError);
        assert.equal(error.code, 'WHARF_OPTION_UNDECLARED');
        assert.match(
          error.message,
          /^filter demo: option extra is not declared \(declared: size, /
        );
        return true;
      }
    );
  });

  test('names the declared options, the keys a paste section may set', () => {
    assert.deepEqual(FilterOptions.names(SPECS), [
      'size',
      'name',
      'flag',
      'items',
      'mode',
      'key',
      'local',
      'burst'
    ]);
  });
});

describe('OptionGroup.pick', () => {
  test('gives the specs named, in that order', () => {
    assert.deepEqual(
      DEMO.pick('mode', 'size').map((spec) => spec.name),
      ['mode', 'size']
    );
  });

  test('refuses a name the group does not declare', () => {
    assert.throws(
      () => DEMO.pick('nope' as 'size'),
      (error: unknown) =>
        error instanceof UndeclaredOptionError && /option nope/.test(error.message)
    );
  });
});
