/** The `os-flavor-extra-specs` API extension (GET /flavors/{flavor_id}/os-extra_specs[/{key}]). */
export { FlavorsExtraSpecs, FlavorExtraSpecsController } from './flavor-extra-specs-extension.js';
