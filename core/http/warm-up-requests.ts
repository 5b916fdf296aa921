/**
 * Warm-up requests (`[wsgi] warm_up_paths`): before a server opens its port, it listens on
 * a loopback port of its own choosing for a moment and answers one `GET` of each path
 * through the whole request path (admission, Express, every filter, the API router, the
 * handler, its view), so what V8 and the modules do lazily on a first request (compiling
 * the handler paths, first-time JSON and view code) is done before a client comes. Only the
 * requests this module sends are marked: a request is a warm-up request when it arrives
 * while warming over a connection this module opened (it comes from 127.0.0.1 and its remote port is one of ours), so
 * no client can claim to be one. Auth filters give a warm-up request a member of a project
 * nobody owns (`WARM_UP_CALLER`); the request log and the request metrics leave it out.
 */
import type { IncomingMessage } from 'node:http';
import type { Server } from 'node:net';

/** The caller of a warm-up request: a member of a project no one owns, never an admin. */
export const WARM_UP_CALLER = Object.freeze({
  user: 'wharf-warm-up',
  project: 'wharf-warm-up',
  roles: ['member']
});

/** The address warm-up listens on and sends from. */
const WARM_UP_HOST = '127.0.0.1';

const warmUpRequests = new WeakSet<IncomingMessage>();
/** Local ports of the connections warm-up requests are being sent on. */
const ownPorts = new Set<number>();

/** Whether `req` is a warm-up request (see the module comment). */
export function isWarmUpRequest(req: IncomingMessage): boolean {
  return warmUpRequests.has(req);
}

/** Marks `req` as a warm-up request when it came over one of warm-up's own connections. */
export function markIfWarmUp(req: IncomingMessage): void {
  const socket = req.socket;
  if (
    ownPorts.size > 0 &&
    req.method === 'GET' &&
    socket.remoteAddress === WARM_UP_HOST &&
    ownPorts.has(socket.remotePort ?? -1)
  )
    warmUpRequests.add(req);
}

/**
 * Answers one `GET` of each path with `server` listening on 127.0.0.1 and a free port,
 * then closes it, so it can listen on its real address. Any answer will do (a 401 or 404
 * still warms the path to it); a failed request is not an error, since warming is only an
 * optimization.
 */
export async function warmUpServer(
  server: Server,
  paths: readonly string[],
  tls: boolean
): Promise<void> {
  if (paths.length === 0) return;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // `exclusive`: under node:cluster a worker's port 0 would otherwise be one port shared by
    // every worker through the primary, and another worker could answer (or lose) ours.
    server.listen({ host: WARM_UP_HOST, port: 0, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  try {
    const { port } = server.address() as { port: number };
    const { request } = tls ? await import('node:https') : await import('node:http');
    for (const path of paths) await get(request, port, path);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

type RequestFunction = (typeof import('node:https'))['request'];

/** One `GET` over a new connection, its body read and dropped; never rejects. */
function get(request: RequestFunction, port: number, path: string): Promise<void> {
  return new Promise((resolve) => {
    let local: number | undefined;
    const done = (): void => {
      if (local !== undefined) ownPorts.delete(local);
      resolve();
    };
    const req = request(
      {
        host: WARM_UP_HOST,
        localAddress: WARM_UP_HOST,
        port,
        path,
        method: 'GET',
        agent: false,
        headers: { connection: 'close' },
        rejectUnauthorized: false
      },
      (res) => {
        res.resume();
        res.on('end', done);
        res.on('error', done);
      }
    );
    req.on('socket', (socket) =>
      socket.on('connect', () => {
        local = socket.localPort;
        if (local !== undefined) ownPorts.add(local);
      })
    );
    req.on('error', done);
    req.end();
  });
}
