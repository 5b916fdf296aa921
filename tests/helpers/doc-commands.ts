/**
 * The runnable examples of a doc: the `wharf` command lines of its `sh` blocks marked
 * `<!-- tested -->`, which a doc test runs so the doc cannot rot.
 */
import { readFileSync } from 'node:fs';

/** The `wharf` command lines (arguments after `wharf`) of the tested blocks, in order. */
export function testedCommands(markdown: string): string[][] {
  const blocks = [...markdown.matchAll(/<!-- tested -->\n```sh\n([\s\S]*?)```/g)];
  return blocks.flatMap(([, body]) =>
    body!
      .split('\n')
      .map((line) => line.replace(/#.*$/, '').trim())
      .filter((line) => line.startsWith('wharf '))
      .map((line) => line.split(/\s+/).slice(1))
  );
}

/** The tested command lines of the doc `docs/<name>` of this checkout. */
export function docCommands(name: string): string[][] {
  return testedCommands(readFileSync(new URL(`../../../docs/${name}`, import.meta.url), 'utf8'));
}
