/**
 * `multiple_create` create hook: `min_count` and `max_count`, how many servers one request
 * boots (nova's `os-multiple-create`). `max_count` defaults to `min_count`; more than one
 * server are named `NAME-1` ... `NAME-N`.
 */
import { HTTPBadRequest } from 'wharf';
import { POSITIVE_INTEGER } from './parameter-types.js';

/** Adds `min_count` and `max_count` to server create. */
export class MultipleCreateHook {
  /** Both positive integers (numbers or digit strings). */
  getServerCreateSchema(): Record<string, object> {
    return { min_count: POSITIVE_INTEGER, max_count: POSITIVE_INTEGER };
  }

  /** Reads the counts; `min_count` above `max_count` is nova's 400. */
  serverCreate(
    server: Readonly<Record<string, unknown>>,
    kwargs: { minCount?: number; maxCount?: number }
  ): void {
    const minCount = server.min_count === undefined ? 1 : Number(server.min_count);
    const maxCount = server.max_count === undefined ? minCount : Number(server.max_count);
    if (minCount > maxCount) throw new HTTPBadRequest('min_count must be <= max_count');
    kwargs.minCount = minCount;
    kwargs.maxCount = maxCount;
  }
}
