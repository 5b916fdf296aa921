import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { behindProjectId, parseTemplate, withProjectId } from '../../../core/routing/template.js';

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
