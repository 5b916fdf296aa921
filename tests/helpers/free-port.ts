/** A free TCP port on 127.0.0.1, for services started by the tests (Keystone, HAProxy). */
import { once } from 'node:events';
import { createServer } from 'node:net';

/** Asks the kernel for a free loopback port, then releases it for the caller to bind. */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}
