/**
 * What the `keystone_authtoken` filter asks Keystone (identity API v3), as
 * keystonemiddleware's auth_token does: the service user's own token (password
 * authentication, project-scoped, kept until shortly before it expires), then
 * `GET /v3/auth/tokens?nocatalog` with that token in `X-Auth-Token` and the caller's in
 * `X-Subject-Token`.
 *
 * Keystone answering 404 (or 400) means the caller's token is not valid; a 401 means the
 * service token went stale, so it is renewed once and the validation repeated. Anything
 * else (refused connection, timeout, 5xx, a service user Keystone refuses) makes Keystone
 * unavailable: a 503 `WHARF_KEYSTONE_UNAVAILABLE` fault with `Retry-After`, logged once
 * when it starts and once when Keystone answers again.
 */
import { BackingServiceUnavailable } from '../errors.js';
import { CODES } from '../errors/codes.js';
import type { Logger } from '../logger.js';
import { OutageLog } from './outage-log.js';

/** Seconds a client is told to wait (`Retry-After`) while Keystone is unavailable. */
export const KEYSTONE_RETRY_AFTER_SECONDS = 5;

/** A service token is renewed this long before Keystone says it expires. */
const SERVICE_TOKEN_MARGIN_MS = 60_000;

/** How the filter reaches Keystone and who it is there. */
export interface KeystoneClientOptions {
  /** Keystone's identity endpoint, with or without the trailing `/v3`. */
  authUrl: string;
  username: string;
  password: string;
  projectName: string;
  userDomainName: string;
  projectDomainName: string;
  /** Deadline of each exchange with Keystone, in ms. */
  timeoutMs: number;
}

/** What Keystone says about a valid token. */
export interface KeystoneToken {
  userId: string;
  userDomainId: string | null;
  /** Null for a token scoped to no project (domain-scoped or unscoped). */
  projectId: string | null;
  projectDomainId: string | null;
  roles: string[];
  /** When the token expires, in ms since the epoch. */
  expiresAt: number;
}

interface Named {
  id?: unknown;
  name?: unknown;
  domain?: { id?: unknown };
}

interface TokenBody {
  token?: { user?: Named; project?: Named; roles?: Named[]; expires_at?: unknown };
}

/** The identity API v3 root of `authUrl` (`…/v3`, whatever the operator wrote). */
export function identityV3Url(authUrl: string): string {
  const trimmed = authUrl.replace(/\/+$/, '');
  return /\/v3$/.test(trimmed) ? trimmed : `${trimmed}/v3`;
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : null;

/** The token in a Keystone answer, or null when the answer does not hold one. */
function parseToken(body: TokenBody): KeystoneToken | null {
  const token = body.token;
  const userId = text(token?.user?.id);
  const expiresAt = Date.parse(String(token?.expires_at));
  if (!token || userId === null || Number.isNaN(expiresAt)) return null;
  return {
    userId,
    userDomainId: text(token.user?.domain?.id),
    projectId: text(token.project?.id),
    projectDomainId: text(token.project?.domain?.id),
    roles: (token.roles ?? []).map((role) => text(role.name)).filter((name) => name !== null),
    expiresAt
  };
}

/** Keystone v3, as the service user of the `keystone_authtoken` filter sees it. */
export class KeystoneClient {
  private readonly tokensUrl: string;
  private serviceToken: Promise<{ token: string; renewAt: number }> | null = null;
  private readonly outages: OutageLog;

  constructor(
    private readonly options: KeystoneClientOptions,
    logger: Logger
  ) {
    this.tokensUrl = `${identityV3Url(options.authUrl)}/auth/tokens?nocatalog`;
    this.outages = new OutageLog(
      logger,
      `Keystone at ${options.authUrl}`,
      'requests get 503 until it answers'
    );
  }

  /**
   * What Keystone says about `token`: the token, or null when Keystone does not accept it.
   * Throws BackingServiceUnavailable when Keystone cannot answer.
   */
  async validate(token: string): Promise<KeystoneToken | null> {
    try {
      let res = await this.ask(token, await this.currentServiceToken());
      if (res.status === 401) {
        this.serviceToken = null;
        res = await this.ask(token, await this.currentServiceToken());
      }
      const result = await this.answerOf(res);
      this.outages.succeeded();
      return result;
    } catch (error) {
      throw this.unavailable(error);
    }
  }

  private async answerOf(res: Response): Promise<KeystoneToken | null> {
    if (res.status === 404 || res.status === 400) {
      await res.body?.cancel();
      return null;
    }
    if (res.status !== 200) throw new Error(`validating a token, Keystone answered ${res.status}`);
    return parseToken((await res.json()) as TokenBody);
  }

  private ask(subjectToken: string, serviceToken: string): Promise<Response> {
    return fetch(this.tokensUrl, {
      headers: {
        Accept: 'application/json',
        'X-Auth-Token': serviceToken,
        'X-Subject-Token': subjectToken
      },
      signal: AbortSignal.timeout(this.options.timeoutMs)
    });
  }

  private async currentServiceToken(): Promise<string> {
    const current = this.serviceToken && (await this.serviceToken.catch(() => null));
    if (current && current.renewAt > Date.now()) return current.token;
    const renewing = this.authenticate();
    this.serviceToken = renewing;
    // A failed authentication is not kept: the next request tries again.
    renewing.catch(() => {
      if (this.serviceToken === renewing) this.serviceToken = null;
    });
    return (await renewing).token;
  }

  private async authenticate(): Promise<{ token: string; renewAt: number }> {
    const { username, password, projectName, userDomainName, projectDomainName } = this.options;
    const res = await fetch(this.tokensUrl, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify({
        auth: {
          identity: {
            methods: ['password'],
            password: { user: { name: username, domain: { name: userDomainName }, password } }
          },
          scope: { project: { name: projectName, domain: { name: projectDomainName } } }
        }
      }),
      signal: AbortSignal.timeout(this.options.timeoutMs)
    });
    const token = res.headers.get('x-subject-token');
    const parsed = res.status === 201 ? parseToken((await res.json()) as TokenBody) : null;
    if (token === null || parsed === null) {
      await res.body?.cancel();
      throw new Error(
        `Keystone refused the service user "${username}" (project "${projectName}"): ${res.status}`
      );
    }
    return { token, renewAt: parsed.expiresAt - SERVICE_TOKEN_MARGIN_MS };
  }

  private unavailable(error: unknown): BackingServiceUnavailable {
    this.outages.failed(error);
    return new BackingServiceUnavailable(
      CODES.WHARF_KEYSTONE_UNAVAILABLE,
      'The identity service',
      KEYSTONE_RETRY_AFTER_SECONDS,
      { cause: error }
    );
  }
}
