/**
 * Brands: type checks that survive duplicate copies of wharf in node_modules. A base class
 * marks itself (and so every subclass and instance) with a `Symbol.for` key, which is the
 * same symbol in every copy, where `instanceof` would fail across copies. The one helper
 * for every kind wharf recognises this way: plugins (API extensions, option groups),
 * controllers, response objects and errors.
 */

/** The brand symbol for a name, shared by every copy of wharf. */
export function brandSymbol(name: string): symbol {
  return Symbol.for(`wharf.brand.${name}`);
}

/** Marks a base class so that it, its subclasses and their instances carry the brand. */
export function applyBrand(target: Function, brand: symbol): void {
  Object.defineProperty(target, brand, { value: true });
  Object.defineProperty(target.prototype, brand, { value: true });
}

/** True when a class (or an instance) carries the brand, through inheritance too. */
export function hasBrand(value: unknown, brand: symbol): boolean {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false;
  return (value as Record<symbol, unknown>)[brand] === true;
}
