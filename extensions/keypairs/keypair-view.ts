/**
 * nova's `_filter_keypair` views: the list entry (name, public key, fingerprint), the create
 * answer (plus user_id and, when generated, the private key) and show (plus the row's
 * bookkeeping). From microversion 2.2 every one of them also carries `type`.
 */
import { APIVersionRequest, type MicroversionLike } from 'wharf';
import type { Keypair } from '../compute/index.js';
import type { KeypairMaterial } from './keypair-material.js';

const TYPED_FROM = APIVersionRequest.parse('2.2');

/** Whether `version` shows the keypair type (2.2 and later). */
export function showsType(version: MicroversionLike): boolean {
  return TYPED_FROM.compare(version) <= 0;
}

/** A timestamp as nova serialises one: naive ISO 8601 with microseconds. */
function timestamp(date: Date | null): string | null {
  return date === null ? null : date.toISOString().replace('Z', '000');
}

/** The three fields every view has, then `extra`, then `type` from 2.2. */
function view(
  keypair: Keypair,
  version: MicroversionLike,
  extra: Record<string, unknown> = {}
): Record<string, unknown> {
  return {
    name: keypair.name,
    public_key: keypair.publicKey,
    fingerprint: keypair.fingerprint,
    ...extra,
    ...(showsType(version) ? { type: keypair.type } : {})
  };
}

/** One entry of `GET /os-keypairs`: `{"keypair": {...}}`. */
export function listedKeypair(keypair: Keypair, version: MicroversionLike): unknown {
  return { keypair: view(keypair, version) };
}

/** The answer to `POST /os-keypairs`; the private key only when it was generated. */
export function createdKeypair(
  keypair: Keypair,
  material: KeypairMaterial,
  version: MicroversionLike
): unknown {
  const created = view(keypair, version, { user_id: keypair.userId });
  if (material.privateKey !== undefined) created.private_key = material.privateKey;
  return { keypair: created };
}

/** The answer to `GET /os-keypairs/{name}`. */
export function shownKeypair(keypair: Keypair, version: MicroversionLike): unknown {
  return {
    keypair: view(keypair, version, {
      created_at: timestamp(keypair.createdAt),
      deleted: keypair.deleted,
      deleted_at: timestamp(keypair.deletedAt),
      id: keypair.id,
      user_id: keypair.userId,
      updated_at: timestamp(keypair.updatedAt)
    })
  };
}
