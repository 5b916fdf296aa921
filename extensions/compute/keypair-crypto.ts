/**
 * Keypair cryptography as nova does it: generated keys are RSA 2048, the private key in
 * PKCS#1 PEM (`BEGIN RSA PRIVATE KEY`), the public key in OpenSSH format with the comment
 * `Generated-by-Nova`; the fingerprint is the MD5 of the public key blob as colon-separated
 * hex pairs (what `ssh-keygen -l -E md5` prints). Imported keys are checked for shape and,
 * through node:crypto, for being a real key of their type.
 */
import { createHash, createPublicKey, generateKeyPair, type JsonWebKey } from 'node:crypto';
import { promisify } from 'node:util';
import { InvalidKeypair } from './errors.js';

/** A freshly generated keypair. */
export interface GeneratedKeypair {
  /** PKCS#1 PEM; returned once to the caller and never stored. */
  readonly privateKey: string;
  /** `ssh-rsa AAAA... Generated-by-Nova`. */
  readonly publicKey: string;
  readonly fingerprint: string;
}

/** An imported OpenSSH public key, validated. */
export interface ParsedPublicKey {
  /** The key type, e.g. `ssh-ed25519`. */
  readonly type: string;
  /** The key as given, trimmed. */
  readonly publicKey: string;
  readonly fingerprint: string;
}

const generate = promisify(generateKeyPair);

/** Generates an RSA 2048 keypair the way nova's `crypto.generate_key_pair` does. */
export async function generateKeypair(): Promise<GeneratedKeypair> {
  const { publicKey, privateKey } = await generate('rsa', {
    modulusLength: 2048,
    publicExponent: 0x10001
  });
  const jwk = publicKey.export({ format: 'jwk' });
  const blob = Buffer.concat([
    sshString(Buffer.from('ssh-rsa')),
    sshString(mpint(fromBase64Url(jwk.e))),
    sshString(mpint(fromBase64Url(jwk.n)))
  ]);
  return {
    privateKey: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    publicKey: `ssh-rsa ${blob.toString('base64')} Generated-by-Nova`,
    fingerprint: fingerprintOf(blob)
  };
}

/** nova's fingerprint: MD5 of the decoded key blob, `aa:bb:...`. */
export function fingerprintOf(blob: Buffer): string {
  return createHash('md5').update(blob).digest('hex').match(/../g)!.join(':');
}

const EC_CURVES: Readonly<Record<string, { crv: string; size: number }>> = {
  'ecdsa-sha2-nistp256': { crv: 'P-256', size: 32 },
  'ecdsa-sha2-nistp384': { crv: 'P-384', size: 48 },
  'ecdsa-sha2-nistp521': { crv: 'P-521', size: 66 }
};

/**
 * Validates an OpenSSH public key line (`TYPE BASE64 [comment]`) of type ssh-rsa,
 * ssh-ed25519 or ecdsa-sha2-nistp256/384/521 and computes its fingerprint. Throws
 * `InvalidKeypair` (COMPUTE_INVALID_KEYPAIR) when it is not one.
 */
export function parsePublicKey(text: string): ParsedPublicKey {
  const publicKey = text.trim();
  const [type, encoded] = publicKey.split(/\s+/);
  if (!type || !encoded) throw new InvalidKeypair('not an OpenSSH public key');
  if (type !== 'ssh-rsa' && type !== 'ssh-ed25519' && !EC_CURVES[type]) {
    throw new InvalidKeypair(`unsupported key type ${type}`);
  }
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || encoded.length % 4 !== 0) {
    throw new InvalidKeypair('the key is not valid base64');
  }
  const blob = Buffer.from(encoded, 'base64');
  try {
    createPublicKey({ key: jwkOf(type, new BlobReader(blob)), format: 'jwk' });
  } catch (error) {
    if (error instanceof InvalidKeypair) throw error;
    throw new InvalidKeypair(`not a valid ${type} key`, { cause: error });
  }
  return { type, publicKey, fingerprint: fingerprintOf(blob) };
}

/** Reads the blob's fields for its type and returns the key as a JWK node can check. */
function jwkOf(type: string, reader: BlobReader): JsonWebKey {
  const embedded = reader.string().toString('latin1');
  if (embedded !== type) {
    throw new InvalidKeypair(`the key says ${type} but its data holds ${embedded}`);
  }
  let jwk: JsonWebKey;
  if (type === 'ssh-rsa') {
    const e = reader.mpint();
    jwk = { kty: 'RSA', e: toBase64Url(e), n: toBase64Url(reader.mpint()) };
  } else if (type === 'ssh-ed25519') {
    const x = reader.string();
    if (x.length !== 32) throw new InvalidKeypair('an ed25519 key is 32 bytes');
    jwk = { kty: 'OKP', crv: 'Ed25519', x: toBase64Url(x) };
  } else {
    const { crv, size } = EC_CURVES[type]!;
    if (reader.string().toString('latin1') !== type.slice('ecdsa-sha2-'.length)) {
      throw new InvalidKeypair('the curve does not match the key type');
    }
    const point = reader.string();
    if (point.length !== 1 + 2 * size || point[0] !== 0x04) {
      throw new InvalidKeypair('the curve point is malformed');
    }
    jwk = {
      kty: 'EC',
      crv,
      x: toBase64Url(point.subarray(1, 1 + size)),
      y: toBase64Url(point.subarray(1 + size))
    };
  }
  if (!reader.done()) throw new InvalidKeypair('trailing data after the key');
  return jwk;
}

/** Reads SSH wire-format fields (RFC 4251): uint32 length-prefixed strings and mpints. */
class BlobReader {
  #offset = 0;
  constructor(private readonly blob: Buffer) {}

  string(): Buffer {
    if (this.#offset + 4 > this.blob.length) throw new InvalidKeypair('the key data is truncated');
    const length = this.blob.readUInt32BE(this.#offset);
    const start = this.#offset + 4;
    if (start + length > this.blob.length) throw new InvalidKeypair('the key data is truncated');
    this.#offset = start + length;
    return this.blob.subarray(start, start + length);
  }

  /** A positive mpint's magnitude, without the sign byte. */
  mpint(): Buffer {
    const value = this.string();
    if (value.length === 0 || (value[0]! & 0x80) !== 0) {
      throw new InvalidKeypair('an RSA parameter is not a positive integer');
    }
    return value[0] === 0 ? value.subarray(1) : value;
  }

  done(): boolean {
    return this.#offset === this.blob.length;
  }
}

/** An SSH string: uint32 length then the bytes. */
function sshString(value: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(value.length);
  return Buffer.concat([length, value]);
}

/** A positive mpint's bytes: no leading zeros, plus one zero when the high bit is set. */
function mpint(magnitude: Buffer): Buffer {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  const trimmed = magnitude.subarray(start);
  return (trimmed[0]! & 0x80) !== 0 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed;
}

function fromBase64Url(value: string | undefined): Buffer {
  return Buffer.from(value ?? '', 'base64url');
}

function toBase64Url(value: Buffer): string {
  return value.toString('base64url');
}
