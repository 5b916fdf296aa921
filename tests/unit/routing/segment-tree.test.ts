import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SegmentTree } from '../../../core/routing/segment-tree.js';
import { parseTemplate } from '../../../core/routing/template.js';

/** A tree holding each `[method, template]`, the template itself as the value. */
function givenTree(routes: [string, string][], maxParamLength = 16): SegmentTree<string> {
  const tree = new SegmentTree<string>(maxParamLength);
  for (const [method, template] of routes) {
    tree.insert(method, parseTemplate(template, 'test'), template);
  }
  return tree;
}

/** The template and a plain copy of the params `find` reached, or null. */
function found(tree: SegmentTree<string>, method: string, url: string): unknown {
  const match = tree.find(method, url);
  return match === null ? null : { template: match.value, params: { ...match.params } };
}

describe('SegmentTree', () => {
  test('prefers a static segment to a parameter at the same depth', () => {
    const tree = givenTree([
      ['GET', '/servers/{id}'],
      ['GET', '/servers/detail']
    ]);
    assert.deepEqual(found(tree, 'GET', '/servers/detail'), {
      template: '/servers/detail',
      params: {}
    });
    assert.deepEqual(found(tree, 'GET', '/servers/s1'), {
      template: '/servers/{id}',
      params: { id: 's1' }
    });
  });

  test('backs up to the parameter when the static branch has no route for the method', () => {
    const tree = givenTree([
      ['POST', '/servers/{id}'],
      ['GET', '/{project_id}/{id}']
    ]);
    assert.deepEqual(found(tree, 'GET', '/servers/s1'), {
      template: '/{project_id}/{id}',
      params: { project_id: 'servers', id: 's1' }
    });
    assert.deepEqual(found(tree, 'POST', '/servers/s1'), {
      template: '/servers/{id}',
      params: { id: 's1' }
    });
  });

  test('names parameters after the template that matched, even where names differ', () => {
    const tree = givenTree([
      ['GET', '/a/{id}'],
      ['GET', '/a/{parent_id}/b']
    ]);
    assert.deepEqual(found(tree, 'GET', '/a/1'), { template: '/a/{id}', params: { id: '1' } });
    assert.deepEqual(found(tree, 'GET', '/a/1/b'), {
      template: '/a/{parent_id}/b',
      params: { parent_id: '1' }
    });
  });

  test('matches only whole paths', () => {
    const tree = givenTree([['GET', '/servers/{id}']]);
    assert.equal(found(tree, 'GET', '/servers'), null);
    assert.equal(found(tree, 'GET', '/servers/s1/extra'), null);
    assert.equal(found(tree, 'GET', 'servers/s1'), null);
  });

  test('refuses an empty or over-long parameter', () => {
    const tree = givenTree([['GET', '/servers/{id}/action']], 4);
    assert.equal(found(tree, 'GET', '/servers//action'), null);
    assert.equal(found(tree, 'GET', '/servers/abcde/action'), null);
    assert.deepEqual(found(tree, 'GET', '/servers/abcd/action'), {
      template: '/servers/{id}/action',
      params: { id: 'abcd' }
    });
  });

  test('matches static segments and parameters after percent-decoding', () => {
    const tree = givenTree([['GET', '/servers/{id}']]);
    assert.deepEqual(found(tree, 'GET', '/serv%65rs/a%2Fb'), {
      template: '/servers/{id}',
      params: { id: 'a/b' }
    });
    assert.equal(found(tree, 'GET', '/servers/%E0%A4%A'), null);
  });

  test('ignores the query, a fragment and one trailing slash', () => {
    const tree = givenTree([
      ['GET', '/'],
      ['GET', '/servers']
    ]);
    for (const url of ['/servers?limit=1', '/servers#top', '/servers/', '/servers/?a=/b']) {
      assert.deepEqual(found(tree, 'GET', url), { template: '/servers', params: {} }, url);
    }
    assert.equal(found(tree, 'GET', '/servers//'), null);
    assert.deepEqual(found(tree, 'GET', '/?x=1'), { template: '/', params: {} });
  });

  test('cuts segments at slashes before the query only, keeping empty ones', () => {
    const tree = givenTree([
      ['GET', '/servers/{id}'],
      ['GET', '/a/{x}/b']
    ]);
    for (const url of ['/servers/s1?a=/b/c', '/servers/s1/?x=/y', '/servers/s1#/z']) {
      assert.deepEqual(
        found(tree, 'GET', url),
        { template: '/servers/{id}', params: { id: 's1' } },
        url
      );
    }
    assert.deepEqual(found(tree, 'GET', '/a/%2F/b'), { template: '/a/{x}/b', params: { x: '/' } });
    assert.equal(found(tree, 'GET', '/a//b'), null);
  });

  test('keeps the first of two routes with one method and segments and returns it', () => {
    const tree = givenTree([['GET', '/a/{x}']]);
    assert.equal(tree.insert('GET', parseTemplate('/a/{y}', 'test'), '/a/{y}'), '/a/{x}');
    assert.equal(tree.insert('POST', parseTemplate('/a/{y}', 'test'), '/a/{y}'), undefined);
    assert.deepEqual(found(tree, 'GET', '/a/1'), { template: '/a/{x}', params: { x: '1' } });
  });

  test('restricted keeps the accepted routes only, and lookups back up past the rest', () => {
    const tree = givenTree([
      ['GET', '/a/b'],
      ['POST', '/a/b'],
      ['GET', '/a/{x}'],
      ['GET', '/c/d/e'],
      ['GET', '/c']
    ]);
    const kept = tree.restricted((template) => template !== '/a/b' && template !== '/c/d/e');
    assert.deepEqual(found(kept, 'GET', '/a/b'), { template: '/a/{x}', params: { x: 'b' } });
    assert.equal(found(kept, 'POST', '/a/b'), null);
    assert.equal(found(kept, 'GET', '/c/d/e'), null);
    assert.deepEqual(found(kept, 'GET', '/c'), { template: '/c', params: {} });
    assert.deepEqual(found(tree, 'GET', '/a/b'), { template: '/a/b', params: {} });
    assert.deepEqual(found(tree, 'GET', '/c/d/e'), { template: '/c/d/e', params: {} });
    assert.equal(
      found(
        tree.restricted(() => false),
        'GET',
        '/c'
      ),
      null
    );
    assert.deepEqual(
      found(
        tree.restricted(() => true),
        'POST',
        '/a/b'
      ),
      {
        template: '/a/b',
        params: {}
      }
    );
  });

  test('restricted keeps patterned branches in order and drops the empty ones', () => {
    const tree = new SegmentTree<string>(16);
    const insert = (template: string, value: string, pattern: string) =>
      tree.insert('GET', parseTemplate(template, 'test', { x: pattern }), value);
    insert('/a/{x}/deep', 'digitsDeep', '[0-9]+');
    insert('/a/{x}', 'word', '[a-z0-9]+');
    insert('/a/{x}', 'digits', '[0-9]+');
    const kept = tree.restricted((value) => value !== 'digitsDeep');
    assert.deepEqual(found(kept, 'GET', '/a/1'), { template: 'digits', params: { x: '1' } });
    assert.deepEqual(found(kept, 'GET', '/a/z'), { template: 'word', params: { x: 'z' } });
    assert.equal(found(kept, 'GET', '/a/1/deep'), null);
    const words = tree.restricted((value) => value === 'word');
    assert.deepEqual(found(words, 'GET', '/a/1'), { template: 'word', params: { x: '1' } });
  });

  test('tells a patterned segment apart from a plain one and from another pattern', () => {
    const tree = givenTree([['GET', '/a/{x}']]);
    const digits = { x: '[0-9]+' };
    const insert = (requirements: Record<string, string>) =>
      tree.insert('GET', parseTemplate('/a/{x}', 'test', requirements), 'patterned');
    assert.equal(insert(digits), undefined);
    assert.equal(insert({ x: '[a-f]+' }), undefined);
    assert.equal(insert(digits), 'patterned');
  });
});
