import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { describeOptions } from '../../../core/server/config-options.js';
import { loadConfig } from '../../../core/server/config.js';

const DOC = new URL('../../../../docs/configuration.md', import.meta.url);

describe('docs/configuration.md', () => {
  test('documents every option, in its section', () => {
    const doc = readFileSync(DOC, 'utf8');
    const missing = describeOptions()
      .filter(({ section, name }) => {
        const heading = doc.indexOf(`## [${section}]`);
        const next = doc.indexOf('\n## ', heading + 1);
        const body = doc.slice(heading, next === -1 ? undefined : next);
        return heading === -1 || !body.includes(`| \`${name}\` |`);
      })
      .map(({ section, name }) => `[${section}] ${name}`);
    assert.deepEqual(missing, []);
  });

  test('shows each default as the code has it', () => {
    const doc = readFileSync(DOC, 'utf8');
    const wrong = describeOptions()
      .map((option) => {
        const heading = doc.indexOf(`## [${option.section}]`);
        const row = doc
          .slice(heading)
          .split('\n')
          .find((line) => line.startsWith(`| \`${option.name}\` |`));
        const shown = row?.split(' | ')[2];
        const plain = option.default.startsWith('(') || option.default.includes('`');
        const expected =
          plain || option.default.startsWith('the ') ? option.default : `\`${option.default}\``;
        return shown === expected
          ? null
          : `[${option.section}] ${option.name}: ${shown} != ${expected}`;
      })
      .filter((problem) => problem !== null);
    assert.deepEqual(wrong, []);
  });

  test('describes each option with a type, a default and help', () => {
    for (const option of describeOptions()) {
      assert.ok(option.type && option.default && option.help, `${option.section}.${option.name}`);
    }
  });

  test('ships the default paste file the default configuration points at', () => {
    assert.ok(existsSync(loadConfig({ env: {} }).wsgi.api_paste_config));
  });
});
