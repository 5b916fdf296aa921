/**
 * Entry points for extension classes a test hands over directly (no package, no manifest):
 * each is an API extension entry point, named after its class, whose `load()` returns the
 * class itself instead of importing a module.
 */
import { API_NAMESPACE } from '../api/api-router.js';
import type { APIExtensionBase } from '../api/extension-base.js';
import { EntryPoint } from '../plugins/index.js';

/** An API extension class, as `createTestHost({ extensions })` takes it. */
export type ExtensionClass = abstract new (...args: never[]) => APIExtensionBase;

class ClassEntryPoint extends EntryPoint {
  constructor(private readonly extensionClass: ExtensionClass) {
    const name = extensionClass.name;
    super(
      API_NAMESPACE,
      name,
      `<class ${name}>`,
      name,
      { kind: 'project', file: '<createTestHost>' },
      `<createTestHost>:${name}`
    );
  }

  override load(): Promise<unknown> {
    return Promise.resolve(this.extensionClass);
  }
}

/** One entry point per class, named after it. */
export function classEntryPoints(classes: readonly ExtensionClass[]): EntryPoint[] {
  return classes.map((extensionClass) => new ClassEntryPoint(extensionClass));
}
