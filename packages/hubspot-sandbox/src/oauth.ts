/**
 * HubSpot's OAuth token endpoints, refresh grant only (docs/hubspot-api.md §12.2): the dated
 * `POST /oauth/2026-03/token` and its undated twin `/oauth/v3/token` (spec
 * auth-oauth-2026-03-dated.json), and `/oauth/v1/token` (auth-oauth-v1.json), which HubSpot keeps
 * until it turns v1 off on 2027-02-16 (docs/hubspot-fidelity.md §7d). A correct refresh issues a
 * random access token that the front door then accepts alongside the static token until it
 * expires, and afterwards answers with HubSpot's EXPIRED_AUTHENTICATION 401
 * (docs/hubspot-fidelity.md §6). The endpoints need no bearer and spend no API budget. Without
 * OAuth settings every client id is unknown (BAD_CLIENT_ID).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { PORTAL_ID } from './account.js';
import type { Reply, Route, RouteContext } from './router.js';

export interface OAuthSettings {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  /** Lifetime of issued access tokens in seconds (default 1800: HubSpot's 30 minutes). */
  expiresInSeconds?: number;
}

export interface OAuthIssuer {
  /** The token endpoints (open: no bearer, outside the rate limits). */
  routes: Route[];
  /** An access token this portal issued: live, or when it expired (ms); undefined if never issued. */
  status(token: string): TokenStatus | undefined;
}

export type TokenStatus = { live: true } | { live: false; expiresAt: number };

/** Issued tokens remembered for the expired answer; the oldest are forgotten beyond this. */
const REMEMBERED = 10_000;

const SCOPES = [
  'oauth',
  'crm.objects.contacts.read',
  'crm.objects.contacts.write',
  'crm.objects.companies.read',
  'crm.objects.companies.write',
  'crm.objects.deals.read',
  'crm.objects.deals.write',
  'crm.schemas.contacts.read',
  'crm.schemas.companies.read',
];

/**
 * HubSpot's 400 bodies: RFC 6749 `error`/`error_description` plus the legacy `status`/`message`.
 * The BAD_REFRESH_TOKEN body is documented (§12.2); the other statuses are HubSpot's names for
 * the other refusals, with the matching RFC 6749 error codes.
 */
const FAILURES = {
  BAD_GRANT_TYPE: {
    error: 'unsupported_grant_type',
    message: 'missing or unsupported grant_type (the sandbox portal issues tokens for refresh_token)',
  },
  BAD_CLIENT_ID: { error: 'invalid_client', message: 'missing or unknown client id' },
  BAD_CLIENT_SECRET: { error: 'invalid_client', message: 'missing or invalid client secret' },
  BAD_REFRESH_TOKEN: { error: 'invalid_grant', message: 'refresh token is invalid, expired or revoked' },
  // The specs declare only form bodies for the newer endpoints, and RFC 6749 §3.2 requires one;
  // HubSpot's own wording for this refusal is not recorded, so this one is the sandbox's.
  INVALID_REQUEST: {
    error: 'invalid_request',
    message: 'the token request must be application/x-www-form-urlencoded',
  },
} as const;

/**
 * Where the grant is served. The newer API reads its parameters from the form body only (its
 * spec declares no query parameters; the v1 spec allows client_secret and refresh_token there).
 */
const ENDPOINTS = [
  { template: '/oauth/2026-03/token', v1: false },
  { template: '/oauth/v3/token', v1: false },
  { template: '/oauth/v1/token', v1: true },
] as const;

const isForm = (contentType: string) =>
  (contentType.split(';')[0] ?? '').trim().toLowerCase() === 'application/x-www-form-urlencoded';

type Failure = keyof typeof FAILURES;

const digest = (text: string) => createHash('sha256').update(text).digest();
const same = (a: string, b: string) => a !== '' && timingSafeEqual(digest(a), digest(b));

function refuse(status: Failure, correlationId: string): Reply {
  const { error, message } = FAILURES[status];
  return { status: 400, body: { error, error_description: message, status, message, correlationId } };
}

function checked(settings: OAuthSettings | undefined): Required<OAuthSettings> | undefined {
  if (!settings) return undefined;
  for (const name of ['clientId', 'clientSecret', 'refreshToken'] as const) {
    if (typeof settings[name] !== 'string' || settings[name].trim() === '')
      throw new RangeError(`sandbox option oauth.${name} must be a non-empty string`);
  }
  const expiresInSeconds = settings.expiresInSeconds ?? 1800;
  if (!Number.isInteger(expiresInSeconds) || expiresInSeconds < 1) {
    throw new RangeError(
      `sandbox option oauth.expiresInSeconds must be a positive integer, got ${settings.expiresInSeconds}`,
    );
  }
  return { ...settings, expiresInSeconds };
}

export function createOAuth(options: OAuthSettings | undefined, now: () => number = Date.now): OAuthIssuer {
  const settings = checked(options);
  /** sha256(token) hex → expiry (ms), oldest first; hashed so a lookup says nothing about other tokens. */
  const issued = new Map<string, number>();
  const key = (token: string) => digest(token).toString('hex');

  function issue(config: Required<OAuthSettings>): Record<string, unknown> {
    const at = now();
    for (const k of issued.keys()) {
      if (issued.size < REMEMBERED) break;
      issued.delete(k);
    }
    const accessToken = `sandbox-oauth-${randomBytes(32).toString('base64url')}`;
    issued.set(key(accessToken), at + config.expiresInSeconds * 1_000);
    return {
      token_type: 'bearer',
      refresh_token: config.refreshToken,
      access_token: accessToken,
      expires_in: config.expiresInSeconds,
      hub_id: PORTAL_ID,
      token_use: 'access_token',
      scopes: SCOPES,
    };
  }

  function handle(ctx: RouteContext, v1: boolean): Reply {
    const fail = (status: Failure) => refuse(status, ctx.correlationId);
    // v1 reads the body as a form whatever its content type (a JSON body has no grant_type).
    if (!v1 && !isForm(ctx.contentType)) return fail('INVALID_REQUEST');
    const form = new URLSearchParams(ctx.raw);
    const param = (name: string, inQuery = false) =>
      form.get(name) ?? (v1 && inQuery ? ctx.query.get(name) : null) ?? '';
    if (param('grant_type') !== 'refresh_token') return fail('BAD_GRANT_TYPE');
    if (!settings || !same(param('client_id'), settings.clientId)) return fail('BAD_CLIENT_ID');
    if (!same(param('client_secret', true), settings.clientSecret)) return fail('BAD_CLIENT_SECRET');
    if (!same(param('refresh_token', true), settings.refreshToken)) return fail('BAD_REFRESH_TOKEN');
    return { status: 200, body: issue(settings), headers: { 'Cache-Control': 'no-store' } };
  }

  return {
    routes: ENDPOINTS.map(({ template, v1 }) => ({
      method: 'POST',
      template,
      open: true,
      handle: (ctx: RouteContext) => handle(ctx, v1),
    })),
    status(token) {
      const expiresAt = issued.get(key(token));
      if (expiresAt === undefined) return undefined;
      return now() < expiresAt ? { live: true } : { live: false, expiresAt };
    },
  };
}
