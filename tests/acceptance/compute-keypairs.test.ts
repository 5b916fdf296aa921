import assert from 'node:assert/strict';
import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { givenTestHost, type CallOptions, type TestHost } from '../helpers/test-host.js';

/** Made with `ssh-keygen -t ed25519`; `ssh-keygen -l -E md5` printed the fingerprint. */
const ED25519_KEY =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOdXapG7vypyDJrq45kGh1Ngweuf6RlHyV7Kg51SRu66 test@wharf';
const ED25519_FINGERPRINT = '2f:c8:52:47:7b:82:bb:95:c8:75:f9:85:24:09:23:6b';

/** Made with `openssl req -x509`; `openssl x509 -fingerprint -sha1` printed the fingerprint. */
const CERTIFICATE = `-----BEGIN CERTIFICATE-----
MIIBgDCCASegAwIBAgIUerdEufObLrvey8FRzsxNNnxlBKIwCgYIKoZIzj0EAwIw
FTETMBEGA1UEAwwKd2hhcmYtdGVzdDAgFw0yNjExMjIwMTQ5NDNaGA8yMTI2MTAy
OTAxNDk0M1owFTETMBEGA1UEAwwKd2hhcmYtdGVzdDBZMBMGByqGSM49AgEGCCqG
SM49AwEHA0IABI7Evjn7vjUhuNFJMcK+NVORXDNDau/E0P3Pm39XWDbxuBjwHT/v
DuJDicXyFEhUVLob9W/eIFRitQ5nl1fcYFCjUzBRMB0GA1UdDgQWBBS9/syJA3tn
jS1MNLAqMuM4kIo9TTAfBgNVHSMEGDAWgBS9/syJA3tnjS1MNLAqMuM4kIo9TTAP
BgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0cAMEQCIAFW3TVm60GoL08ef9P+
8bKy2B+rdura470Q3Cw05gubAiANGoNM4DLJhdco5+s+isgx2pBWC1EUGgdFspSn
fhpctQ==
-----END CERTIFICATE-----
`;
const CERTIFICATE_FINGERPRINT = 'f1:c5:d9:da:1a:bd:7b:c0:ea:15:04:20:53:f9:06:df:1c:30:63:89';

const V22 = { 'OpenStack-API-Version': 'compute 2.2' };

let host: TestHost;
before(async () => {
  host = await givenTestHost();
});
after(() => host.close());

/** POST /os-keypairs with `keypair` as the body's keypair. */
function givenKeypair(keypair: Record<string, unknown>, options: CallOptions = {}) {
  return host.call('POST', '/v2.1/os-keypairs', { ...options, body: { keypair } });
}

/** The fields of an OpenSSH public key's blob (RFC 4251 strings). */
function sshFields(publicKey: string): { blob: Buffer; fields: Buffer[] } {
  const blob = Buffer.from(publicKey.split(' ')[1]!, 'base64');
  const fields: Buffer[] = [];
  for (let offset = 0; offset < blob.length;) {
    const length = blob.readUInt32BE(offset);
    fields.push(blob.subarray(offset + 4, offset + 4 + length));
    offset += 4 + length;
  }
  return { blob, fields };
}

function md5Fingerprint(blob: Buffer): string {
  return createHash('md5').update(blob).digest('hex').match(/../g)!.join(':');
}

describe('POST /os-keypairs', () => {
  test('generates an RSA keypair at 2.1: 200, the private key once, no type', async () => {
    const reply = await givenKeypair({ name: 'generated' });
    assert.equal(reply.status, 200);
    assert.deepEqual(Object.keys(reply.body.keypair).sort(), [
      'fingerprint',
      'name',
      'private_key',
      'public_key',
      'user_id'
    ]);
    const { name, public_key: publicKey, fingerprint, user_id: userId } = reply.body.keypair;
    assert.equal(name, 'generated');
    assert.equal(userId, 'user1');
    assert.match(publicKey, /^ssh-rsa AAAA\S+ Generated-by-Nova$/);
    const { blob, fields } = sshFields(publicKey);
    assert.equal(fingerprint, md5Fingerprint(blob));
    const privateKey = createPrivateKey(reply.body.keypair.private_key);
    const modulus = Buffer.from(
      createPublicKey(privateKey).export({ format: 'jwk' }).n!,
      'base64url'
    );
    assert.equal(fields[0]!.toString(), 'ssh-rsa');
    assert.deepEqual(fields[2]!.subarray(fields[2]![0] === 0 ? 1 : 0), modulus);
  });

  test('imports an OpenSSH public key with its MD5 fingerprint and no private key', async () => {
    const reply = await givenKeypair({ name: 'imported', public_key: ED25519_KEY });
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.body, {
      keypair: {
        name: 'imported',
        public_key: ED25519_KEY,
        fingerprint: ED25519_FINGERPRINT,
        user_id: 'user1'
      }
    });
  });

  test('rejects invalid key data with 400 "Keypair data is invalid: ..."', async () => {
    for (const publicKey of ['', 'ssh-rsa not-base64!', 'ssh-rsa AAAAB3NzaC1yc2E=']) {
      const reply = await givenKeypair({ name: 'broken', public_key: publicKey });
      assert.equal(reply.status, 400, publicKey);
      assert.match(reply.body.badRequest.message, /^Keypair data is invalid: /);
    }
  });

  test('answers 409 "Key pair \'X\' already exists." for a taken name', async () => {
    await givenKeypair({ name: 'taken', public_key: ED25519_KEY });
    const reply = await givenKeypair({ name: 'taken', public_key: ED25519_KEY });
    assert.equal(reply.status, 409);
    assert.deepEqual(reply.body, {
      conflictingRequest: { code: 409, message: "Key pair 'taken' already exists." }
    });
  });

  test('refuses names with unsafe characters, surrounding spaces or a bad length', async () => {
    const unsafe = await givenKeypair({ name: 'a/b', public_key: ED25519_KEY });
    assert.equal(unsafe.status, 400);
    assert.equal(
      unsafe.body.badRequest.message,
      'Keypair data is invalid: Keypair name contains unsafe characters'
    );
    for (const name of [' padded', 'padded ', '', 'x'.repeat(256)]) {
      const reply = await givenKeypair({ name, public_key: ED25519_KEY });
      assert.equal(reply.status, 400, JSON.stringify(name));
      assert.match(reply.body.badRequest.message, /^Invalid input for field\/attribute name\./);
    }
    const longest = await givenKeypair({ name: 'y'.repeat(255), public_key: ED25519_KEY });
    assert.equal(longest.status, 200);
    const spaced = await givenKeypair({ name: 'with inner space_-1', public_key: ED25519_KEY });
    assert.equal(spaced.status, 200);
  });

  test('refuses `type` at 2.1 and unknown fields', async () => {
    const typed = await givenKeypair({ name: 'typed', type: 'ssh' });
    assert.equal(typed.status, 400);
    assert.match(typed.body.badRequest.message, /'type' was unexpected/);
    const missing = await host.call('POST', '/v2.1/os-keypairs', { body: { keypair: {} } });
    assert.equal(missing.status, 400);
    assert.match(missing.body.badRequest.message, /'name' is a required property/);
  });
});

describe('GET and DELETE /os-keypairs at 2.1', () => {
  test('lists the caller\'s keypairs as {"keypair": {name, public_key, fingerprint}}', async () => {
    await givenKeypair({ name: 'listed', public_key: ED25519_KEY });
    const reply = await host.call('GET', '/v2.1/os-keypairs');
    assert.equal(reply.status, 200);
    const listed = reply.body.keypairs.find(
      (entry: { keypair: { name: string } }) => entry.keypair.name === 'listed'
    );
    assert.deepEqual(listed, {
      keypair: { name: 'listed', public_key: ED25519_KEY, fingerprint: ED25519_FINGERPRINT }
    });
  });

  test('shows a keypair with its bookkeeping fields', async () => {
    await givenKeypair({ name: 'shown', public_key: ED25519_KEY });
    const reply = await host.call('GET', '/v2.1/os-keypairs/shown');
    assert.equal(reply.status, 200);
    const { created_at: createdAt, id, ...rest } = reply.body.keypair;
    assert.match(createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
    assert.equal(typeof id, 'number');
    assert.deepEqual(rest, {
      name: 'shown',
      public_key: ED25519_KEY,
      fingerprint: ED25519_FINGERPRINT,
      deleted: false,
      deleted_at: null,
      user_id: 'user1',
      updated_at: null
    });
  });

  test('answers 404 "Keypair X not found for user Y" for an unknown name', async () => {
    const reply = await host.call('GET', '/v2.1/os-keypairs/nope');
    assert.equal(reply.status, 404);
    assert.deepEqual(reply.body, {
      itemNotFound: { code: 404, message: 'Keypair nope not found for user user1' }
    });
  });

  test('deletes with 202 and an empty body, then the name is free again', async () => {
    await givenKeypair({ name: 'doomed', public_key: ED25519_KEY });
    const reply = await host.call('DELETE', '/v2.1/os-keypairs/doomed');
    assert.equal(reply.status, 202);
    assert.equal(reply.text, '');
    assert.equal((await host.call('GET', '/v2.1/os-keypairs/doomed')).status, 404);
    assert.equal((await host.call('DELETE', '/v2.1/os-keypairs/doomed')).status, 404);
    assert.equal((await givenKeypair({ name: 'doomed', public_key: ED25519_KEY })).status, 200);
  });
});

describe('microversion 2.2', () => {
  test('creates with 201 and shows the type everywhere', async () => {
    const created = await givenKeypair({ name: 'typed-22' }, { headers: V22 });
    assert.equal(created.status, 201);
    assert.equal(created.headers.get('openstack-api-version'), 'compute 2.2');
    assert.equal(created.body.keypair.type, 'ssh');
    assert.ok(created.body.keypair.private_key);
    const shown = await host.call('GET', '/v2.1/os-keypairs/typed-22', { headers: V22 });
    assert.equal(shown.body.keypair.type, 'ssh');
    const listed = await host.call('GET', '/v2.1/os-keypairs', { headers: V22 });
    for (const entry of listed.body.keypairs) assert.equal(entry.keypair.type, 'ssh');
  });

  test('deletes with 204', async () => {
    await givenKeypair({ name: 'gone-22', public_key: ED25519_KEY }, { headers: V22 });
    const reply = await host.call('DELETE', '/v2.1/os-keypairs/gone-22', { headers: V22 });
    assert.equal(reply.status, 204);
    assert.equal(reply.text, '');
  });

  test('imports an x509 certificate with its SHA-1 fingerprint', async () => {
    const reply = await givenKeypair(
      { name: 'cert', type: 'x509', public_key: CERTIFICATE },
      { headers: V22 }
    );
    assert.equal(reply.status, 201);
    assert.equal(reply.body.keypair.type, 'x509');
    assert.equal(reply.body.keypair.fingerprint, CERTIFICATE_FINGERPRINT);
    assert.equal(reply.body.keypair.private_key, undefined);
  });

  test('refuses to generate an x509 keypair, a broken certificate and an unknown type', async () => {
    const generate = await givenKeypair({ name: 'x', type: 'x509' }, { headers: V22 });
    assert.equal(generate.status, 400);
    assert.match(generate.body.badRequest.message, /^Keypair data is invalid: /);
    const broken = await givenKeypair(
      { name: 'x', type: 'x509', public_key: 'not a certificate' },
      { headers: V22 }
    );
    assert.equal(broken.status, 400);
    assert.match(
      broken.body.badRequest.message,
      /^Keypair data is invalid: failed to generate X509 fingerprint/
    );
    const unknown = await givenKeypair({ name: 'x', type: 'pgp' }, { headers: V22 });
    assert.equal(unknown.status, 400);
    assert.match(unknown.body.badRequest.message, /'pgp' is not one of \['ssh', 'x509'\]/);
  });
});

describe('isolation between users', () => {
  test("lists, shows and deletes only the caller's own keypairs", async () => {
    await givenKeypair({ name: 'private-to-user1', public_key: ED25519_KEY });
    const other = { token: 'user2:project1' };
    const listed = await host.call('GET', '/v2.1/os-keypairs', other);
    assert.deepEqual(listed.body, { keypairs: [] });
    const shown = await host.call('GET', '/v2.1/os-keypairs/private-to-user1', other);
    assert.equal(shown.status, 404);
    assert.equal(
      shown.body.itemNotFound.message,
      'Keypair private-to-user1 not found for user user2'
    );
    const deleted = await host.call('DELETE', '/v2.1/os-keypairs/private-to-user1', other);
    assert.equal(deleted.status, 404);
    assert.equal((await host.call('GET', '/v2.1/os-keypairs/private-to-user1')).status, 200);
  });

  test('lets two users hold keypairs of the same name', async () => {
    await givenKeypair({ name: 'shared-name', public_key: ED25519_KEY });
    const reply = await givenKeypair(
      { name: 'shared-name', public_key: ED25519_KEY },
      { token: 'user2:project1' }
    );
    assert.equal(reply.status, 200);
    assert.equal(reply.body.keypair.user_id, 'user2');
  });
});
