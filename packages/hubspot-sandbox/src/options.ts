/** The sandbox's public options and handle. */
import type { Faults } from './faults.js';
import type { OAuthSettings } from './oauth.js';
import type { OAuthAppSettings } from './oauthUsers.js';
import type { Portal } from './portal.js';
import type { RequestLog } from './requestLog.js';

export interface SandboxOptions {
  /** Bearer token accepted (default 'sandbox-token'). */
  token?: string;
  /** Requests per rolling window per token (default 100). */
  rateLimit?: number;
  /** Rolling window in ms (default 10 000). */
  windowMs?: number;
  /** Search requests per second (default 5); search answers carry no rate headers. */
  searchPerSecond?: number;
  /** Requests per day; unset means no daily budget (and no daily headers). */
  dailyLimit?: number;
  /** Seed the deterministic demo portal (default true). */
  seed?: boolean;
  /** Port on 127.0.0.1 (default 0: ephemeral). */
  port?: number;
  /**
   * How long CRM search lags writes, in ms (default 0). HubSpot says "a few moments"; the
   * standalone `sandbox` command uses 2,000. Changeable later with portal.setSearchLag.
   */
  searchLagMs?: number;
  /** Seed of the generator behind faults injected with a `chance` (default 1). */
  faultSeed?: number;
  /** Associations per input and page in batch read (default 500); small values let tests page. */
  batchReadPageSize?: number;
  /**
   * Custom association labels allowed per object pair (default 10, HubSpot's developer docs; a
   * newer KB copy says 50). The next one is refused with a 400 naming the limit.
   */
  labelLimit?: number;
  /**
   * Serve the OAuth refresh grant for this app at POST /oauth/2026-03/token, /oauth/v3/token and
   * (until HubSpot's 2027-02-16 sunset) /oauth/v1/token: each correct refresh issues an access
   * token accepted like `token` until it expires. Unset: every client id is unknown.
   */
  oauth?: OAuthSettings;
  /**
   * Users who can sign in through GET /oauth/authorize (e-mails, `sandbox --users`): each gets
   * tokens of their own from the 2026-03 token endpoint, and the request log names who acted.
   */
  users?: readonly string[];
  /** The one OAuth app users sign in to (defaults: sandbox-client-id / sandbox-client-secret). */
  app?: OAuthAppSettings;
  /**
   * The only scopes the token has, e.g. ['crm.objects.contacts.read']: a request that needs
   * another gets HubSpot's 403 MISSING_SCOPES naming it. Unset: every scope.
   */
  scopes?: readonly string[];
}

export interface Sandbox {
  /** e.g. http://127.0.0.1:54321 (no trailing slash). */
  url: string;
  port: number;
  token: string;
  portal: Portal;
  log: RequestLog;
  faults: Faults;
  /** The seeded users (ids and e-mails), for tests and the sign-in page. */
  users: ReadonlyArray<{ id: number; email: string }>;
  /** Revokes every OAuth sign-in of this user (their tokens answer 401, refresh answers BAD_REFRESH_TOKEN). */
  revokeUser(email: string): number;
  close(): Promise<void>;
}
