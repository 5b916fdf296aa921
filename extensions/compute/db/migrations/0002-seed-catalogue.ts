/**
 * Migration 0002: the catalogue every deployment starts with: nova's five default flavors
 * (m1.tiny to m1.xlarge, ids '1' to '5') and a read-only set of images with fixed ids, so
 * clients and tests can name them.
 */
import type { Kysely, Migration } from 'kysely';

/** nova's default flavors: id, name, RAM MiB, vCPUs, root disk GiB. */
export const DEFAULT_FLAVORS = [
  { id: '1', name: 'm1.tiny', ram: 512, vcpus: 1, disk: 1 },
  { id: '2', name: 'm1.small', ram: 2048, vcpus: 1, disk: 20 },
  { id: '3', name: 'm1.medium', ram: 4096, vcpus: 2, disk: 40 },
  { id: '4', name: 'm1.large', ram: 8192, vcpus: 4, disk: 80 },
  { id: '5', name: 'm1.xlarge', ram: 16384, vcpus: 8, disk: 160 }
] as const;

/** The image catalogue: fixed ids, all ACTIVE. */
export const CATALOGUE_IMAGES = [
  {
    id: '6b2b3a1c-34f7-4c1f-9d38-0c4ae5e4a1b2',
    name: 'cirros-0.6.2-x86_64-disk',
    min_disk: 0,
    min_ram: 0,
    size: 21430272,
    created_at: '2023-05-30T09:00:00.000Z',
    metadata: { architecture: 'x86_64', os_distro: 'cirros', os_version: '0.6.2' }
  },
  {
    id: 'c7e1f5a2-8d4b-4e6a-b3f9-2a5d7c9e1f30',
    name: 'ubuntu-22.04-server-cloudimg-amd64',
    min_disk: 3,
    min_ram: 512,
    size: 692387840,
    created_at: '2023-04-21T09:00:00.000Z',
    metadata: { architecture: 'x86_64', os_distro: 'ubuntu', os_version: '22.04' }
  },
  {
    id: '0f8e4d2c-6b1a-4a9e-8c7d-5e3b1a9f7d64',
    name: 'debian-12-genericcloud-amd64',
    min_disk: 2,
    min_ram: 256,
    size: 348913664,
    created_at: '2023-06-10T09:00:00.000Z',
    metadata: { architecture: 'x86_64', os_distro: 'debian', os_version: '12' }
  }
] as const;

/** Inserts the default flavors and the image catalogue. */
export function seedCatalogue(): Migration {
  return {
    async up(db: Kysely<any>): Promise<void> {
      const now = new Date().toISOString();
      await db
        .insertInto('flavors')
        .values(DEFAULT_FLAVORS.map((flavor) => ({ ...flavor, created_at: now })))
        .execute();
      await db
        .insertInto('images')
        .values(
          CATALOGUE_IMAGES.map((image) => ({
            ...image,
            status: 'ACTIVE',
            metadata: JSON.stringify(image.metadata),
            updated_at: image.created_at
          }))
        )
        .execute();
    }
  };
}
