/**
 * `wharf --help`, `wharf` and `wharf --version` are answered without commander
 * (core/cli/program-help.ts): this fails when that text differs from what commander prints
 * for the program built from the same tables, at any terminal width.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hostPackageJson } from '../../../core/cli/host-package.js';
import { quickAnswer, topLevelHelp } from '../../../core/cli/program-help.js';
import { buildProgram } from '../../../core/cli/program.js';

/** What commander prints for `wharf --help` with output `width` columns wide (80: no terminal). */
async function commanderHelp(width: number | undefined): Promise<string> {
  let printed = '';
  const program = (await buildProgram(['--help'])).configureOutput({
    writeOut: (text) => (printed += text),
    getOutHelpWidth: () => width ?? 80
  });
  program.outputHelp();
  return printed;
}

const notATerminal = (): undefined => undefined;

describe('the top-level help printed without commander', () => {
  for (const width of [undefined, 20, 45, 60, 72, 100, 200]) {
    test(`is commander's help of the same program, ${width ?? 'no terminal'} columns`, async () => {
      assert.equal(topLevelHelp(width), await commanderHelp(width));
    });
  }

  test('answers --help, -h and help on standard output, exit 0', async () => {
    for (const arg of ['--help', '-h', 'help'])
      assert.deepEqual(quickAnswer([arg], notATerminal), {
        text: await commanderHelp(undefined),
        stream: 'stdout',
        code: 0
      });
  });

  test('answers no command with the help on standard error, exit 2, at its width', () => {
    const answer = quickAnswer([], (stream) => (stream === 'stderr' ? 60 : 200));
    assert.deepEqual(answer, { text: topLevelHelp(60), stream: 'stderr', code: 2 });
  });

  test('answers --version and -V with the host package version', () => {
    for (const arg of ['--version', '-V'])
      assert.deepEqual(quickAnswer([arg], notATerminal), {
        text: `${hostPackageJson().version}\n`,
        stream: 'stdout',
        code: 0
      });
  });

  test('leaves every other command line to commander', () => {
    for (const argv of [['serve'], ['help', 'serve'], ['--help', 'serve'], ['--bogus'], ['db']])
      assert.equal(quickAnswer(argv, notATerminal), undefined, argv.join(' '));
  });
});
