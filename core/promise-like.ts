/** Telling a value that will settle later (a promise, or any thenable) from a plain answer. */

/** Whether `value` is a promise or any other thenable: something to wait for. */
export function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null | undefined)?.then === 'function';
}
