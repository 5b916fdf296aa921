/** The `os-keypairs` API extension (per-user keypairs at /os-keypairs). */
export { Keypairs } from './keypairs-extension.js';
export { KeypairsController } from './keypairs-controller.js';
export { assertSafeKeypairName, keypairMaterial } from './keypair-material.js';
export type { KeypairMaterial } from './keypair-material.js';
export { CREATE_KEYPAIR_V21, CREATE_KEYPAIR_V22 } from './keypair-schemas.js';
export { createdKeypair, listedKeypair, shownKeypair, showsType } from './keypair-view.js';
