import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Mapper, type RouteLookup } from '../../../core/routing/index.js';

function actionOf(lookup: RouteLookup<string>): string | null {
  return lookup !== null && 'route' in lookup ? lookup.route.action : null;
}

/** `/archives/{page}` for two-digit pages, `/archives/{slug}` for anything else. */
function givenArchives(): Mapper<string> {
  const mapper = new Mapper<string>({ projectIdPrefix: false });
  mapper.connect({
    method: 'GET',
    path: '/archives/{page}',
    action: 'byPage',
    requirements: { page: '\\d{1,2}' },
    target: 'blog',
    owner: 'blog'
  });
  mapper.connect({
    method: 'GET',
    path: '/archives/{slug}',
    action: 'bySlug',
    target: 'blog',
    owner: 'blog'
  });
  return mapper;
}

describe('requirements', () => {
  test('a parameter with a requirement matches only segments that match it whole', () => {
    const table = givenArchives().compile();
    assert.equal(actionOf(table.match('GET', '/archives/12')), 'byPage');
    assert.equal(actionOf(table.match('GET', '/archives/123')), 'bySlug');
    assert.equal(actionOf(table.match('GET', '/archives/x12')), 'bySlug');
  });

  test('a requirement alone leaves non-matching segments unmatched (404)', () => {
    const mapper = new Mapper<string>();
    mapper.resource('message', 'messages', {
      target: 'messages',
      owner: 'messages',
      pathPrefix: '/projects/{project_ref}',
      requirements: { project_ref: '\\d+' }
    });
    const table = mapper.compile();
    const lookup = table.match('POST', '/projects/01234/messages');
    assert.ok(lookup !== null && 'route' in lookup);
    assert.equal(lookup.params.project_ref, '01234');
    assert.equal(table.match('POST', '/projects/foo/messages'), null);
  });

  test('runs in linear time on a pattern that backtracks catastrophically elsewhere', () => {
    const mapper = new Mapper<string>({ projectIdPrefix: false });
    mapper.connect({
      method: 'GET',
      path: '/evil/{value}',
      action: 'evil',
      requirements: { value: '(a+)+b' },
      target: 'evil',
      owner: 'evil'
    });
    const table = mapper.compile();
    const started = process.hrtime.bigint();
    assert.equal(table.match('GET', `/evil/${'a'.repeat(1000)}c`), null);
    // A backtracking engine needs 2^1000 steps here; RE2 needs about a thousand.
    assert.ok(Number(process.hrtime.bigint() - started) / 1e6 < 2000);
  });

  test('refuses a pattern RE2 cannot run in linear time, and a requirement on no parameter', () => {
    const declare = (path: string, requirements: Record<string, string>) => () =>
      new Mapper<string>().connect({
        method: 'GET',
        path,
        action: 'a',
        requirements,
        target: 't',
        owner: 'o'
      });
    assert.throws(declare('/x/{id}', { id: '(a)\\1' }), { code: 'WHARF_INVALID_DECLARATION' });
    assert.throws(declare('/x/{id}', { di: '\\d+' }), { code: 'WHARF_INVALID_DECLARATION' });
  });

  test('the same requirement twice on one method and path conflicts; another pattern does not', () => {
    const mapper = givenArchives();
    mapper.connect({
      method: 'GET',
      path: '/archives/{year}',
      action: 'byYear',
      requirements: { year: '\\d{4}' },
      target: 'blog',
      owner: 'blog'
    });
    assert.equal(actionOf(mapper.compile().match('GET', '/archives/2026')), 'byYear');
    mapper.connect({
      method: 'GET',
      path: '/archives/{n}',
      action: 'again',
      requirements: { n: '\\d{1,2}' },
      target: 'blog',
      owner: 'other'
    });
    assert.throws(() => mapper.compile(), { code: 'WHARF_ROUTE_CONFLICT' });
  });

  test('generation checks the requirement', () => {
    const table = givenArchives().compile();
    const mapper = new Mapper<string>();
    mapper.connect({
      method: 'GET',
      path: '/pages/{page}',
      action: 'page',
      name: 'page',
      requirements: { page: '\\d+' },
      target: 'p',
      owner: 'p'
    });
    assert.equal(mapper.compile().urlFor('page', { page: '7' }), '/pages/7');
    assert.throws(() => mapper.compile().urlFor('page', { page: 'seven' }), {
      code: 'WHARF_URL_GENERATION'
    });
    assert.equal(table.generate({ action: 'byPage', page: '3' }), '/archives/3');
  });
});

describe('requirement engines', () => {
  test('the one-atom patterns V8 runs agree with RE2 on any segment', async () => {
    const { default: fc } = await import('fast-check');
    const { default: RE2 } = await import('re2');
    const { compileRequirement } = await import('../../../core/routing/requirement.js');
    for (const pattern of ['\\d+', '\\d{1,2}', '[0-9a-f-]+', '[^.]*', '\\w?', '[a-z]{2,}']) {
      const requirement = compileRequirement(pattern, 'p', 'test');
      const reference = new RE2(`^(?:${pattern})$`, 'u');
      fc.assert(
        fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 12 }), (segment) => {
          assert.equal(
            requirement.test(segment),
            reference.test(segment),
            `${pattern} on ${segment}`
          );
        }),
        { numRuns: 300 }
      );
    }
  });
});
