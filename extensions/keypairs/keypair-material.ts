/**
 * What nova's keypair API does before it stores a keypair: the name check (letters, digits,
 * `_`, `-` and space only) and the key itself: an imported OpenSSH key or X.509 certificate
 * is validated and fingerprinted, a missing one is generated (RSA 2048, ssh only). Every
 * failure is `InvalidKeypair`: 400 "Keypair data is invalid: REASON".
 */
import { X509Certificate } from 'node:crypto';
import {
  InvalidKeypair,
  generateKeypair,
  parsePublicKey,
  type KeypairType
} from '../compute/index.js';

/** The stored half of a keypair, and the private key when it was generated. */
export interface KeypairMaterial {
  publicKey: string;
  fingerprint: string;
  /** Only for a generated keypair: returned once, never stored. */
  privateKey?: string;
}

const SAFE_NAME = /^[A-Za-z0-9_\- ]+$/;

/** nova's `_validate_new_key_pair` name rule. */
export function assertSafeKeypairName(name: string): void {
  if (!SAFE_NAME.test(name)) throw new InvalidKeypair('Keypair name contains unsafe characters');
}

/** Imports `publicKey` when given, else generates a keypair of `type`. */
export async function keypairMaterial(
  type: KeypairType,
  publicKey: string | undefined
): Promise<KeypairMaterial> {
  if (publicKey !== undefined) {
    return type === 'x509' ? importCertificate(publicKey) : parsePublicKey(publicKey);
  }
  if (type === 'x509') {
    throw new InvalidKeypair('x509 keypairs cannot be generated here; import a certificate');
  }
  return generateKeypair();
}

/** nova's `generate_x509_fingerprint`: SHA-1 of the certificate, lower-case hex pairs. */
function importCertificate(pem: string): KeypairMaterial {
  try {
    const certificate = new X509Certificate(pem);
    return { publicKey: pem, fingerprint: certificate.fingerprint.toLowerCase() };
  } catch (error) {
    throw new InvalidKeypair(
      `failed to generate X509 fingerprint. Error message: ${(error as Error).message}`,
      { cause: error }
    );
  }
}
