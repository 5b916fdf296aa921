/**
 * An in-process stand-in for Keystone's token API (v3), for the edge cases of the
 * `keystone_authtoken` filter a real Keystone cannot be made to show on demand: password
 * authentication of users (`POST /v3/auth/tokens`, the token in `X-Subject-Token`) and
 * validation (`GET /v3/auth/tokens`, the service token in `X-Auth-Token`). Tests issue
 * tokens, revoke them, count validations, and make it fail or hang.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A token the fake knows, as its validation answers it. */
export interface FakeToken {
  userId: string;
  projectId: string | null;
  roles: string[];
  expiresAt: Date;
}

/** The running fake. */
export interface FakeKeystone {
  /** `http://127.0.0.1:PORT/v3`. */
  url: string;
  /** Issues a token (project `demo`, role `member`, valid an hour unless told otherwise). */
  issue(token?: Partial<FakeToken>): string;
  /** Forgets a token, as Keystone does after a revocation. */
  revoke(token: string): void;
  /** Forgets every service token, as if they had all expired. */
  expireServiceTokens(): void;
  /** Validations asked so far (`GET /v3/auth/tokens`). */
  readonly validations: number;
  /** Password authentications so far (`POST /v3/auth/tokens`). */
  readonly authentications: number;
  /** `answer`: every request gets this status; `hang`: no answer at all; `ok` restores. */
  behave(mode: 'ok' | 'hang' | { answer: number }): void;
  close(): Promise<void>;
}

/** The service user the fake accepts. */
export const SERVICE_USER = { username: 'nova', password: 'nova-service-password' };

function tokenBody(token: FakeToken): string {
  return JSON.stringify({
    token: {
      methods: ['password'],
      user: { id: token.userId, name: token.userId, domain: { id: 'default', name: 'Default' } },
      ...(token.projectId === null
        ? {}
        : {
            project: {
              id: token.projectId,
              name: token.projectId,
              domain: { id: 'default', name: 'Default' }
            }
          }),
      roles: token.roles.map((name) => ({ id: `role-${name}`, name })),
      expires_at: token.expiresAt.toISOString(),
      issued_at: new Date().toISOString()
    }
  });
}

/** Starts the fake on 127.0.0.1, on a free port. */
export async function givenFakeKeystone(): Promise<FakeKeystone> {
  const tokens = new Map<string, FakeToken>();
  const serviceTokens = new Set<string>();
  let mode: 'ok' | 'hang' | { answer: number } = 'ok';
  let validations = 0;
  let authentications = 0;

  const send = (res: ServerResponse, status: number, body = '', headers = {}): void => {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(body);
  };
  const authenticate = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    authentications++;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const { auth } = JSON.parse(Buffer.concat(chunks).toString());
    const user = auth.identity.password.user;
    if (user.name !== SERVICE_USER.username || user.password !== SERVICE_USER.password)
      return send(res, 401, '{"error":{"code":401}}');
    const token = `service-${randomUUID()}`;
    serviceTokens.add(token);
    const body = { userId: 'nova', projectId: 'service', roles: ['service'] };
    send(res, 201, tokenBody({ ...body, expiresAt: new Date(Date.now() + 3_600_000) }), {
      'X-Subject-Token': token
    });
  };
  const validate = (req: IncomingMessage, res: ServerResponse): void => {
    validations++;
    if (!serviceTokens.has(String(req.headers['x-auth-token'])))
      return send(res, 401, '{"error":{"code":401}}');
    const token = tokens.get(String(req.headers['x-subject-token']));
    if (token === undefined || token.expiresAt.getTime() <= Date.now())
      return send(res, 404, '{"error":{"code":404}}');
    send(res, 200, tokenBody(token));
  };

  const server = createServer((req, res) => {
    if (mode === 'hang') return;
    if (mode !== 'ok') return send(res, mode.answer, '{}');
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/v3/auth/tokens') return send(res, 404, '{}');
    if (req.method === 'POST') return void authenticate(req, res);
    if (req.method === 'GET') return validate(req, res);
    send(res, 405, '{}');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v3`,
    issue(token = {}) {
      const id = `user-token-${randomUUID()}`;
      tokens.set(id, {
        userId: 'alice',
        projectId: 'demo',
        roles: ['member'],
        expiresAt: new Date(Date.now() + 3_600_000),
        ...token
      });
      return id;
    },
    revoke: (token) => void tokens.delete(token),
    expireServiceTokens: () => serviceTokens.clear(),
    get validations() {
      return validations;
    },
    get authentications() {
      return authentications;
    },
    behave(next) {
      mode = next;
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    }
  };
}
