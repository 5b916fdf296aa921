import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, test } from 'node:test';
import { flatText } from '../../core/flat-text.js';

/**
 * Whether V8 holds each of the child's strings as a tree of pieces (a cons string, which
 * %DebugPrint shows as `c"...`): %DebugPrint needs --allow-natives-syntax, so a child
 * process builds the strings and prints them.
 */
const script = `
const [flat, kept] = await Promise.all(process.argv.slice(1).map((m) => import(m)));
const piece = String(Math.random());
const tree = () => \`a \${piece} b \${piece} c \${piece} d\`;
const run = new kept.KeptRun((first, second) => \`{"first":"\${first}","second":"\${second}"} \${piece}\`);
const strings = { tree: tree(), flatText: flat.flatText(tree()), keptRun: run.of(piece, piece) };
for (const [name, text] of Object.entries(strings)) { console.log('@' + name); %DebugPrint(text); }
`;

/** For each string of the child, whether V8 holds it as a tree of pieces. */
async function treesInChild(): Promise<Record<string, boolean>> {
  const modules = ['../../core/flat-text.js', '../../core/kept-run.js'].map((specifier) =>
    import.meta.resolve(specifier)
  );
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--allow-natives-syntax', '--input-type=module', '-e', script, ...modules],
    { encoding: 'utf8' }
  );
  const trees: Record<string, boolean> = {};
  for (const [, name, printed] of stdout.matchAll(/^@(\w+)\n(DebugPrint: .*)$/gm))
    trees[name!] = printed!.includes(']: c"');
  return trees;
}

describe('flatText', () => {
  test('is the same text, whatever its characters', () => {
    const piece = String(Math.random());
    const texts = ['', 'a', `x${piece}y${piece}`, 'é€😀', '\ud800 lone \udfff', '"\\\n', '12.5'];
    for (const text of texts) assert.equal(flatText(text), text);
  });

  test('gives the text in one piece, as a kept run of a log line has it', async () => {
    assert.deepEqual(await treesInChild(), { tree: true, flatText: false, keptRun: false });
  });
});
