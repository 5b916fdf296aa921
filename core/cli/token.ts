/**
 * `wharf token issue`: prints a signed token for the `authtoken` filter, with the secret of
 * `[auth] token_secret` (or `WHARF_TOKEN_SECRET`).
 */
import type { Command } from 'commander';
import { ConfigError } from '../errors.js';
import { AUTH_OPTIONS } from '../middleware/token-auth-options.js';
import { TOKEN_SECRET_ENV } from '../middleware/token-auth.js';
import { issueToken } from '../middleware/token-signer.js';
import { configFrom, withCommonOptions, type CommonOptions } from './common-options.js';

interface IssueOptions extends CommonOptions {
  user: string;
  project: string;
  roles: string;
  ttl?: string;
}

/** Adds `issue` to the `token` command. */
export function registerTokenCommand(token: Command): void {
  withCommonOptions(token.command('issue'))
    .description('print a signed token')
    .requiredOption('--user <id>', 'user id')
    .requiredOption('--project <id>', 'project id')
    .option('--roles <list>', 'comma-separated roles', 'member')
    .option('--ttl <seconds>', 'lifetime in seconds ([auth] token_ttl)')
    .action(async (options: IssueOptions) => {
      const config = await configFrom(options, { 'auth.token_ttl': options.ttl });
      const secret =
        AUTH_OPTIONS.of(config).auth.token_secret || process.env[TOKEN_SECRET_ENV] || '';
      if (!secret)
        throw new ConfigError(`no token secret: set [auth] token_secret or ${TOKEN_SECRET_ENV}`);
      const roles = options.roles
        .split(',')
        .map((role) => role.trim())
        .filter(Boolean);
      const issued = issueToken(
        {
          user: options.user,
          project: options.project,
          roles,
          ttlSeconds: AUTH_OPTIONS.of(config).auth.token_ttl
        },
        secret
      );
      process.stdout.write(`${issued}\n`);
    });
}
