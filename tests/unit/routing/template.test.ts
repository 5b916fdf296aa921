import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Mapper } from '../../../core/routing/mapper.js';
import {
  behindProjectId,
  parseRouteTemplate,
  parseTemplate,
  shareRouteParse,
  withProjectId
} from '../../../core/routing/template.js';

describe('behindProjectId', () => {
  test('gives what parsing the template behind /{project_id} gives', () => {
    const cases: [string, Record<string, string>][] = [
      ['/', {}],
      ['/servers', {}],
      ['/servers/{id}/action', {}],
      ['/servers/{server_id}/metadata/{id}', { id: '[a-z]+' }],
      ['/flavors/{id}', { project_id: '[0-9a-f]+' }]
    ];
    for (const [template, requirements] of cases) {
      const prefixed = withProjectId(template)!;
      assert.deepEqual(
        behindProjectId(
          parseTemplate(template, 'test', requirements),
          prefixed,
          'test',
          requirements
        ),
        parseTemplate(prefixed, 'test', requirements),
        template
      );
    }
  });
});

describe('parses shared between routes', () => {
  test("a resource's routes of one path share its parse and its /{project_id} form", () => {
    const mapper = new Mapper<string>();
    mapper.resource('widget', 'widgets', {
      target: 'widgets',
      owner: 'test',
      requirements: { id: '[0-9]+' }
    });
    const byRoute = new Map(
      mapper.routes().map((route) => [`${route.method} ${route.path}`, route])
    );
    const parseOf = (key: string) => parseRouteTemplate(byRoute.get(key)!);
    assert.equal(parseOf('POST /widgets'), parseOf('GET /widgets'));
    assert.equal(parseOf('PUT /widgets/{id}'), parseOf('GET /widgets/{id}'));
    assert.equal(parseOf('DELETE /widgets/{id}'), parseOf('GET /widgets/{id}'));
    assert.notEqual(parseOf('GET /widgets/{id}'), parseOf('GET /widgets'));
    const show = parseOf('GET /widgets/{id}');
    const prefixed = withProjectId('/widgets/{id}')!;
    assert.equal(
      behindProjectId(show, prefixed, 'test', { id: '[0-9]+' }),
      behindProjectId(show, prefixed, 'test', { id: '[0-9]+' })
    );
  });

  test('a route with other requirements than the first of its path keeps a parse of its own', () => {
    const first = { path: '/widgets/{id}', owner: 'test', requirements: { id: '[0-9]+' } };
    const other = { path: '/widgets/{id}', owner: 'test', requirements: { id: '[a-z]+' } };
    const parsed = parseRouteTemplate(first);
    shareRouteParse(other, first);
    assert.notEqual(parseRouteTemplate(other), parsed);
    assert.deepEqual(
      parseRouteTemplate(other),
      parseTemplate(other.path, 'test', other.requirements)
    );
  });
});
