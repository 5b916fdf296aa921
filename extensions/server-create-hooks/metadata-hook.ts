/** `metadata` create hook: the key/value pairs the server starts with. */
import { METADATA } from './parameter-types.js';

/** Adds `metadata` to server create. */
export class MetadataCreateHook {
  /** `metadata`: string values under short keys. */
  getServerCreateSchema(): Record<string, object> {
    return { metadata: METADATA };
  }

  /** Copies the metadata into the boot. */
  serverCreate(
    server: Readonly<Record<string, unknown>>,
    kwargs: { metadata?: Readonly<Record<string, string>> }
  ): void {
    if (server.metadata !== undefined) kwargs.metadata = server.metadata as Record<string, string>;
  }
}
