/** The `flavors` API extension (GET /flavors, /flavors/detail, /flavors/{id}). */
export { Flavors } from './flavors-extension.js';
export { FlavorsController } from './flavors-controller.js';
export {
  FLAVOR_INDEX_QUERY,
  MAX_LIMIT,
  pageOf,
  parseFlavorQuery,
  parseIsPublic
} from './flavor-query.js';
export type { FlavorQuery } from './flavor-query.js';
export { basicFlavor, detailedFlavor, flavorLinks, nextPageLinks } from './flavor-view.js';
export type { Link } from './flavor-view.js';
