/** The flavor and image a real-client scenario boots from, read from the host's own catalog. */
import assert from 'node:assert/strict';
import type { TestHost } from './test-host.js';

/** A flavor and an image of the host's catalog that fit each other. */
export interface CatalogChoice {
  flavor: { id: string; name: string; ram: number; vcpus: number; disk: number };
  image: { id: string; name: string };
}

/**
 * Picks the first flavor, in the host's order, that some image fits (`minDisk`, `minRam`),
 * and the first such image: the server refuses a flavor smaller than the image needs.
 */
export async function givenCatalogChoice(host: TestHost): Promise<CatalogChoice> {
  const flavors = await host.call('GET', '/v2.1/flavors/detail');
  const images = await host.call('GET', '/v2.1/images/detail');
  assert.equal(flavors.status, 200, flavors.text);
  assert.equal(images.status, 200, images.text);
  for (const flavor of flavors.body.flavors) {
    const image = images.body.images.find(
      (candidate: { minDisk: number; minRam: number }) =>
        candidate.minDisk <= flavor.disk && candidate.minRam <= flavor.ram
    );
    if (!image) continue;
    return {
      flavor: {
        id: flavor.id,
        name: flavor.name,
        ram: flavor.ram,
        vcpus: flavor.vcpus,
        disk: flavor.disk
      },
      image: { id: image.id, name: image.name }
    };
  }
  assert.fail(`no image fits any flavor:\n${flavors.text}\n${images.text}`);
}
