import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { after, describe, test } from 'node:test';
import { ConfigError } from '../../../core/errors.js';
import { loadConfig } from '../../../core/server/config.js';
import type { RunningServer } from '../../../core/server/http-server.js';
import { installReloadHandler } from '../../../core/server/reload-signal.js';
import { readTlsCredentials, tlsFilesOf, type TlsFiles } from '../../../core/server/tls.js';
import { givenSelfSignedCert, type CertFiles } from '../../helpers/self-signed-cert.js';
import { delay, givenServer, okHandler, quietLogger } from './given.js';

const started: RunningServer[] = [];
after(() => Promise.all(started.map((server) => server.close(0))));

/** A server over TLS with copies of `cert`'s files, which the test may overwrite. */
async function givenTlsServer(cert: CertFiles) {
  const dir = mkdtempSync(join(tmpdir(), 'wharf-tls-served-'));
  const files = { certFile: join(dir, 'cert.pem'), keyFile: join(dir, 'key.pem') };
  replaceFiles(files, cert);
  const server = await givenServer(okHandler, { tls: files, keepAliveTimeoutMs: 60_000 });
  started.push(server);
  return { server, files };
}

function replaceFiles(files: TlsFiles, cert: CertFiles): void {
  copyFileSync(cert.certFile, files.certFile);
  copyFileSync(cert.keyFile, files.keyFile);
}

/** GETs / over HTTPS trusting `cas`; reports the status and the certificate the server showed. */
function get(port: number, cas: Buffer[], agent: https.Agent | false = false) {
  return new Promise<{ status: number; fingerprint: string; reused: boolean }>(
    (resolve, reject) => {
      const req = https.get(
        { host: '127.0.0.1', port, path: '/', servername: 'localhost', ca: cas, agent },
        (res) => {
          const socket = res.socket as TLSSocket;
          const fingerprint = socket.getPeerCertificate().fingerprint256;
          const reused = req.reusedSocket;
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, fingerprint, reused }));
        }
      );
      req.on('error', reject);
    }
  );
}

describe('TLS ([wsgi] ssl_cert_file, ssl_key_file)', () => {
  const first = givenSelfSignedCert();
  const second = givenSelfSignedCert();
  const cas = [first.cert, second.cert];

  test('serves HTTPS with the configured certificate', async () => {
    const { server } = await givenTlsServer(first);
    const outcome = await get(server.address.port, cas);
    assert.equal(outcome.status, 200);
    assert.equal(outcome.fingerprint, first.fingerprint);
  });

  test('shows a new certificate to new connections after a reload, keeping open ones', async () => {
    const { server, files } = await givenTlsServer(first);
    const agent = new https.Agent({ keepAlive: true, maxSockets: 1 });
    const before = await get(server.address.port, cas, agent);
    assert.equal(before.fingerprint, first.fingerprint);

    replaceFiles(files, second);
    assert.equal(server.reload(), true);

    const fresh = await get(server.address.port, cas);
    assert.equal(fresh.fingerprint, second.fingerprint);
    const kept = await get(server.address.port, cas, agent);
    assert.equal(kept.status, 200);
    assert.equal(kept.reused, true);
    assert.equal(kept.fingerprint, first.fingerprint);
    agent.destroy();
  });

  test('reloads on SIGHUP', async () => {
    const { server, files } = await givenTlsServer(first);
    const remove = installReloadHandler([server], quietLogger);
    try {
      replaceFiles(files, second);
      process.kill(process.pid, 'SIGHUP');
      // The signal arrives asynchronously: poll, bounded, until a new connection shows it.
      let seen = first.fingerprint;
      for (let attempt = 0; attempt < 100 && seen !== second.fingerprint; attempt += 1) {
        await delay(20);
        seen = (await get(server.address.port, cas)).fingerprint;
      }
      assert.equal(seen, second.fingerprint);
    } finally {
      remove();
    }
  });

  test('keeps the current certificate when the new files are bad', async () => {
    const { server, files } = await givenTlsServer(first);
    writeFileSync(files.certFile, 'not a certificate');
    assert.equal(server.reload(), false);
    copyFileSync(first.certFile, files.certFile);
    copyFileSync(second.keyFile, files.keyFile);
    assert.equal(server.reload(), false, 'a key of another certificate');
    const outcome = await get(server.address.port, cas);
    assert.equal(outcome.status, 200);
    assert.equal(outcome.fingerprint, first.fingerprint);
  });

  test('is off without files, and refuses one file without the other', () => {
    assert.equal(tlsFilesOf(loadConfig({ env: {} })), undefined);
    const half = loadConfig({ env: {}, overrides: { 'wsgi.ssl_cert_file': first.certFile } });
    assert.throws(() => tlsFilesOf(half), ConfigError);
  });

  test('refuses an unreadable file or a key of another certificate, naming the file', () => {
    const missing = { certFile: join(tmpdir(), 'no-such-cert.pem'), keyFile: first.keyFile };
    assert.throws(
      () => readTlsCredentials(missing),
      (error: unknown) => error instanceof ConfigError && error.message.includes(missing.certFile)
    );
    const mismatched = { certFile: first.certFile, keyFile: second.keyFile };
    assert.throws(
      () => readTlsCredentials(mismatched),
      (error: unknown) => error instanceof ConfigError && error.message.includes(second.keyFile)
    );
  });
});
