import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import {
  generateKeypair,
  parsePublicKey,
  type GeneratedKeypair
} from '../../../extensions/compute/index.js';

/** Keys made by ssh-keygen, with the fingerprints `ssh-keygen -l -E md5` printed for them. */
const OPENSSH_KEYS = {
  'ssh-ed25519': [
    'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ/oIwfGABhiHi4b7lRipE1yI53H/tG1MAVa67d850vt ed25519@test',
    'de:b0:9a:fd:fb:16:bc:b9:1d:72:16:9f:5c:51:76:48'
  ],
  'ecdsa-sha2-nistp256': [
    'ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBIvTC43e8UrNb5CFWKREr3vQ5HFUt3bvJD2T4xvoiMk8oXoYw80opnblTPgCuKj9lUUSUNar6oW6jehzWa5Qa4Q= ecdsab256@test',
    '02:a7:27:d6:66:55:ce:d8:7f:3f:c5:89:0d:af:f2:d8'
  ],
  'ecdsa-sha2-nistp384': [
    'ecdsa-sha2-nistp384 AAAAE2VjZHNhLXNoYTItbmlzdHAzODQAAAAIbmlzdHAzODQAAABhBAMqLhmer83XcGQgVNwGuddXRbkPkNwBeDDIj/91kx9d9JgXTbOSfmzmGzr2EG9IhS552/rlivbsCTBwU+dTXm/u53TFs6EV7bprfkF+2vp1oaPfLi49TEH5CQF5MV25AQ== ecdsab384@test',
    '07:bf:da:c1:da:38:24:eb:49:f3:17:6d:0c:f5:ce:28'
  ],
  'ecdsa-sha2-nistp521': [
    'ecdsa-sha2-nistp521 AAAAE2VjZHNhLXNoYTItbmlzdHA1MjEAAAAIbmlzdHA1MjEAAACFBAEoWiB6TaR7uenQT2Y0jYEyHPMFCX0v50l0ag8Pfy2Z9hqU9QkY3uLbUJrd8AnVtrfmGPkTf+BtT/LMfFKsLJqh2gDecg+RuqgpnxnlHMdxrWgBWabVRE5B2ynM1x+mBbq7CHol6iZJPYCer20AU7bcGzvMJOkQeDgAuz62re09w1NwfA== ecdsab521@test',
    '60:a2:8b:80:ec:6e:c1:e5:1b:47:0c:79:b6:b7:1d:9f'
  ],
  'ssh-rsa': [
    'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDGVxZUFof1TeDjjqQtd4zm7jGNIpCQ/NnuT6fIz6OQvu8qQvcAvJI2kL/Sasa54LUnKzWDBVka+ZB8wJH7Fnjsm0z1yoPMB9PpohpjzoAnhb5QD6MAGLV6pRuiQYB/+s3uc/5oabKWiyxD/fWsqPzEBNTYWe0DhThTLRVx+Xpghi0EReINC2ECg+BlguQV8trwgBcQzxOaBSNegrrKi4/kuilq56v88lF2l9JWi2uYDS596Xzfo78QQ+5wE4y7DdlSAKhFM5+C4Sbk44ESjB7sNXinIusl4ZMneoScyLmS00OQRr467iyP4epSpZko/S+nmEkdonR3+Np9ulqhG/1T rsab2048@test',
    '9b:6d:ad:31:91:46:ae:26:44:f4:68:c8:48:54:01:41'
  ]
} as const;

const ED25519 = OPENSSH_KEYS['ssh-ed25519'][0];
const P256 = OPENSSH_KEYS['ecdsa-sha2-nistp256'][0];

/** A key line of `type` whose blob is `blob`. */
function givenKeyLine(type: string, blob: Buffer): string {
  return `${type} ${blob.toString('base64')} test`;
}

function blobOf(line: string): Buffer {
  return Buffer.from(line.split(' ')[1]!, 'base64');
}

function hasSshKeygen(): boolean {
  try {
    execFileSync('ssh-keygen', ['-?'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    return (error as { code?: string }).code !== 'ENOENT';
  }
}

describe('generateKeypair', () => {
  let generated: GeneratedKeypair;
  before(async () => {
    generated = await generateKeypair();
  });

  test('returns a PKCS#1 PEM RSA 2048 private key', () => {
    assert.match(generated.privateKey, /^-----BEGIN RSA PRIVATE KEY-----\n/);
    const key = createPrivateKey(generated.privateKey);
    assert.equal(key.asymmetricKeyType, 'rsa');
    assert.equal(key.asymmetricKeyDetails?.modulusLength, 2048);
  });

  test('returns an OpenSSH public key with the Generated-by-Nova comment', () => {
    assert.match(
      generated.publicKey,
      /^ssh-rsa AAAAB3NzaC1yc2E[A-Za-z0-9+/]+=* Generated-by-Nova$/
    );
  });

  test('fingerprints the public key as parsing it does', () => {
    assert.match(generated.fingerprint, /^([0-9a-f]{2}:){15}[0-9a-f]{2}$/);
    assert.equal(parsePublicKey(generated.publicKey).fingerprint, generated.fingerprint);
  });

  test(
    'agrees with ssh-keygen -l -E md5',
    { skip: !hasSshKeygen() && 'ssh-keygen is not installed' },
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'wharf-keypair-'));
      try {
        const file = join(dir, 'key.pub');
        writeFileSync(file, `${generated.publicKey}\n`);
        const printed = execFileSync('ssh-keygen', ['-l', '-E', 'md5', '-f', file]).toString();
        assert.equal(printed.split(' ')[1], `MD5:${generated.fingerprint}`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  );
});

describe('parsePublicKey', () => {
  for (const [type, [line, fingerprint]] of Object.entries(OPENSSH_KEYS)) {
    test(`accepts an ${type} key with ssh-keygen's fingerprint`, () => {
      assert.deepEqual(parsePublicKey(`  ${line}\n`), { type, publicKey: line, fingerprint });
    });
  }

  const invalid: Record<string, string> = {
    'an empty string': '',
    'a line without key data': 'ssh-rsa',
    'an unsupported type': 'ssh-dss AAAAB3NzaC1kc3MAAACBAP test',
    'data that is not base64': 'ssh-ed25519 not*base64! test',
    'a type the data contradicts': givenKeyLine('ssh-rsa', blobOf(ED25519)),
    'truncated data': givenKeyLine('ssh-ed25519', blobOf(ED25519).subarray(0, 30)),
    'trailing data': givenKeyLine(
      'ssh-ed25519',
      Buffer.concat([blobOf(ED25519), Buffer.from([0, 0, 0, 0])])
    ),
    'a point off the curve': givenKeyLine(
      'ecdsa-sha2-nistp256',
      Buffer.concat([blobOf(P256).subarray(0, -1), Buffer.from([blobOf(P256).at(-1)! ^ 1])])
    )
  };
  for (const [what, line] of Object.entries(invalid)) {
    test(`rejects ${what} with COMPUTE_INVALID_KEYPAIR`, () => {
      assert.throws(() => parsePublicKey(line), {
        code: 'COMPUTE_INVALID_KEYPAIR',
        statusCode: 400
      });
    });
  }
});
