import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { after, test } from 'node:test';

const root = new URL('../../../../', import.meta.url);
// Inside the package, so `import ... from 'wharf'` resolves to the build, as for an extension.
const scratch = new URL('dist/tests/.docs-examples/', root);

/** The `js` code blocks of a markdown file, in order. */
function jsBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```js\n([\s\S]*?)```/g)].map((match) => match[1]!);
}

after(() => rmSync(scratch, { recursive: true, force: true }));

const blocks = jsBlocks(readFileSync(new URL('docs/routing.md', root), 'utf8'));

test('docs/routing.md has an example per feature', () => {
  if (blocks.length < 7) throw new Error(`expected at least 7 js examples, found ${blocks.length}`);
});

blocks.forEach((block, index) => {
  test(`docs/routing.md example ${index + 1} runs`, async () => {
    mkdirSync(scratch, { recursive: true });
    const file = new URL(`routing-${index + 1}.mjs`, scratch);
    writeFileSync(file, block);
    await import(file.href);
  });
});
