import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { describe, test } from 'node:test';
import { CLI, runCli } from '../helpers/run-cli.js';
import { givenSelfSignedCert, type CertFiles } from '../helpers/self-signed-cert.js';

/** The certificate `https://127.0.0.1:port/v2.1/` shows, and the status it answers. */
function get(port: number, ca: Buffer[]): Promise<{ status: number; fingerprint: string }> {
  return new Promise((resolve, reject) => {
    const req = https.get(
      { host: '127.0.0.1', port, path: '/v2.1/', servername: 'localhost', ca, agent: false },
      (res) => {
        const fingerprint = (res.socket as TLSSocket).getPeerCertificate().fingerprint256;
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, fingerprint }));
      }
    );
    req.on('error', reject);
  });
}

function install(cert: CertFiles, dir: string): void {
  copyFileSync(cert.certFile, join(dir, 'cert.pem'));
  copyFileSync(cert.keyFile, join(dir, 'key.pem'));
}

describe('wharf serve over TLS', () => {
  test('serves HTTPS, reloads the certificate on SIGHUP and exits 0 on SIGTERM', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'wharf-serve-tls-'));
    const [first, second] = [givenSelfSignedCert(), givenSelfSignedCert()];
    install(first, cwd);
    const child = spawn(process.execPath, [CLI, 'serve', '--host', '127.0.0.1', '--port', '0'], {
      cwd,
      env: {
        ...process.env,
        XDG_CACHE_HOME: join(cwd, 'cache'),
        WHARF_WSGI__SSL_CERT_FILE: join(cwd, 'cert.pem'),
        WHARF_WSGI__SSL_KEY_FILE: join(cwd, 'key.pem')
      },
      stdio: ['ignore', 'ignore', 'pipe']
    });
    let log = '';
    child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const waitFor = async (pattern: RegExp): Promise<RegExpExecArray> => {
      for (let waited = 0; waited < 20_000; waited += 50) {
        const match = pattern.exec(log);
        if (match !== null) return match;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`no log line matching ${pattern} in 20 s:\n${log}`);
    };
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      const port = Number((await waitFor(/listening on https:\/\/127\.0\.0\.1:(\d+)/))[1]);
      const ca = [first.cert, second.cert];
      assert.deepEqual(await get(port, ca), { status: 200, fingerprint: first.fingerprint });

      install(second, cwd);
      child.kill('SIGHUP');
      await waitFor(/received SIGHUP; reloaded 1 of 1 servers/);
      assert.deepEqual(await get(port, ca), { status: 200, fingerprint: second.fingerprint });
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exited, 0);
  });

  test('refuses to start with an unreadable certificate file, naming it (exit 2)', async () => {
    const cert = givenSelfSignedCert();
    const missing = join(tmpdir(), 'wharf-no-such-cert.pem');
    const result = await runCli(['serve', '--host', '127.0.0.1', '--port', '0'], {
      env: { WHARF_WSGI__SSL_CERT_FILE: missing, WHARF_WSGI__SSL_KEY_FILE: cert.keyFile }
    });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /ssl_cert_file/);
    assert.ok(result.stderr.includes(missing));
  });
});
