/** Self-signed certificates for the TLS tests, made by the machine's `openssl`. */
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A certificate and key pair written to files, with the certificate's fingerprint. */
export interface CertFiles {
  certFile: string;
  keyFile: string;
  /** The certificate PEM (to trust it as a CA). */
  cert: Buffer;
  /** SHA-256 fingerprint, as `tlsSocket.getPeerCertificate().fingerprint256` gives it. */
  fingerprint: string;
}

/** A fresh P-256 certificate for `localhost` and 127.0.0.1, valid one day, in a new folder. */
export function givenSelfSignedCert(dir = mkdtempSync(join(tmpdir(), 'wharf-tls-'))): CertFiles {
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  // prettier-ignore
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-days', '1', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
    '-keyout', keyFile, '-out', certFile
  ], { stdio: 'ignore' });
  const cert = readFileSync(certFile);
  return { certFile, keyFile, cert, fingerprint: new X509Certificate(cert).fingerprint256 };
}
