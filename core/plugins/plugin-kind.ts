/** What kind of value a plugin is, told without loading the DI container. */

type Constructor = new (...args: unknown[]) => unknown;

/** True for values a manager can invoke: classes and functions. */
export function isInvokable(plugin: unknown): plugin is Function {
  return typeof plugin === 'function';
}

/** True for ES classes (as opposed to plain functions). */
export function isClass(plugin: Function): plugin is Constructor {
  return Function.prototype.toString.call(plugin).startsWith('class');
}
