/**
 * Text that many log lines will include, made into one piece. V8 keeps a string built by
 * concatenation as a tree of its pieces (a cons string) until something needs its
 * characters in a row, and a string that includes a kept tree leaves it a tree: each log
 * line that starts from a kept prefix or joins a kept run made the sink's conversion to
 * bytes (`Buffer.from`, which flattens the line) walk every piece of it again, 30-45 pieces
 * a request-log line (docs/performance.md, "The request log line, session 20").
 */

/**
 * The same text, with its characters in one piece in V8: a substring of a tree is cut from
 * the tree flattened into a new string, so `text` behind one character is copied once here
 * instead of walked by every line that includes it. For text kept across lines only (it
 * costs one copy).
 */
export function flatText(text: string): string {
  return ` ${text}`.slice(1);
}
