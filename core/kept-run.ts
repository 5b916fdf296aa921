import { flatText } from './flat-text.js';

/**
 * A run of a log line's text made of values that repeat from line to line, kept for the
 * values it was last made of, in one piece (flat-text.ts): a line joins whole runs instead
 * of concatenating each value and the text between (fewer concatenations, and fewer pieces
 * for the log's sink to flatten when it writes the line).
 */
export class KeptRun<A, B = null> {
  private first: A | undefined;
  private second: B | undefined;
  private text = '';

  constructor(private readonly make: (first: A, second: B) => string) {}

  /** The run for these values, made again only when one differs from the last call's. */
  of(first: A, second: B): string {
    if (first !== this.first || second !== this.second) {
      this.first = first;
      this.second = second;
      this.text = flatText(this.make(first, second));
    }
    return this.text;
  }
}
