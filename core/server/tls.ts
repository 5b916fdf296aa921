/**
 * TLS for the API servers (`[wsgi] ssl_cert_file` / `ssl_key_file`, as nova's): with both
 * set, each API is served over HTTPS by node:https; with neither, over plain HTTP. One
 * without the other, a file that cannot be read, or a certificate and key that do not make
 * a usable pair stop start-up with a ConfigError naming the option and file (exit 2).
 *
 * The certificate can be replaced while serving: `reloadTls` reads both files again and
 * swaps them in with `setSecureContext`, which only new TLS handshakes see; connections
 * already open keep theirs and are not dropped. A pair that fails to load is logged and the
 * server keeps the one it has.
 */
import { readFileSync } from 'node:fs';
import {
  createServer as createHttpServer,
  type RequestListener,
  type Server,
  type ServerOptions
} from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { createSecureContext } from 'node:tls';
import { ConfigError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { WharfConfig } from './config.js';

/** Where a server's certificate chain and private key are (PEM files). */
export interface TlsFiles {
  /** The certificate chain, PEM. */
  certFile: string;
  /** The private key, PEM. */
  keyFile: string;
}

/** A certificate chain and its key, read and checked. */
export interface TlsCredentials {
  cert: Buffer;
  key: Buffer;
}

/** The TLS files of `[wsgi]`, or undefined when TLS is off; one without the other throws. */
export function tlsFilesOf(config: WharfConfig): TlsFiles | undefined {
  const { ssl_cert_file: certFile, ssl_key_file: keyFile } = config.wsgi;
  if (certFile === '' && keyFile === '') return undefined;
  if (certFile === '' || keyFile === '')
    throw new ConfigError(
      `[wsgi] ssl_cert_file and ssl_key_file go together: ${certFile === '' ? 'ssl_key_file' : 'ssl_cert_file'} is set, the other is not`
    );
  return { certFile, keyFile };
}

function readPem(option: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ConfigError(`[wsgi] ${option} = ${file}: cannot be read (${reason})`);
  }
}

/** Reads both files and checks they make a usable pair; throws a ConfigError naming them. */
export function readTlsCredentials(files: TlsFiles): TlsCredentials {
  const credentials = {
    cert: readPem('ssl_cert_file', files.certFile),
    key: readPem('ssl_key_file', files.keyFile)
  };
  try {
    createSecureContext(credentials);
  } catch (error) {
    throw new ConfigError(
      `[wsgi] ssl_cert_file = ${files.certFile}, ssl_key_file = ${files.keyFile}: not a usable certificate and key (${(error as Error).message})`
    );
  }
  return credentials;
}

/** An HTTPS server with `files`' credentials when given, else a plain HTTP server. */
export function createServerFor(
  files: TlsFiles | undefined,
  options: ServerOptions,
  listener: RequestListener
): Server {
  if (files === undefined) return createHttpServer(options, listener);
  return createHttpsServer({ ...options, ...readTlsCredentials(files) }, listener);
}

/**
 * Loads `files` again into `server` for new connections; on failure logs why and keeps the
 * current credentials. Returns whether the new ones are in use.
 */
export function reloadTls(server: Server, files: TlsFiles, logger: Logger): boolean {
  try {
    (server as HttpsServer).setSecureContext(readTlsCredentials(files));
  } catch (error) {
    logger.error('TLS certificate not reloaded; the current one stays in use', {
      error: error instanceof Error ? error.message : String(error)
    });
    return false;
  }
  logger.info('TLS certificate reloaded', { certFile: files.certFile });
  return true;
}
