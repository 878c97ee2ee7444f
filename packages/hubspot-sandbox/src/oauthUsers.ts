/**
 * HubSpot's user-level OAuth, as the sandbox plays it (../shared/DESIGN.md "Hosted for a team";
 * developers.hubspot.com working-with-oauth; the 2026-03 token, introspect and revoke endpoints,
 * HubSpot-public-api-spec-collection PublicApiSpecs/Auth/Oauth/Rollouts/279897/2026-03/oauth.json):
 * seeded users, one OAuth app, single-use authorization codes bound to a user, the client and the
 * redirect URL (and the PKCE challenge when one was sent), access tokens bound to a user that the
 * front door accepts until they expire, one refresh token per sign-in that HubSpot does not rotate.
 * Tokens are kept by their sha256 only. State lives in the factory (no module state).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { PORTAL_ID } from './account.js';

export interface SandboxUser {
  id: number;
  email: string;
}

/** The sandbox's one OAuth app (`sandbox --client-id/--client-secret/--redirect-uris/--token-ttl-s`). */
export interface OAuthAppSettings {
  /** Default 'sandbox-client-id'. */
  clientId?: string;
  /** Default 'sandbox-client-secret'. */
  clientSecret?: string;
  /** Exact redirect URLs; default: any http URL on 127.0.0.1 or localhost. */
  redirectUris?: readonly string[];
  /** Access-token lifetime in seconds (default 1800, HubSpot's 30 minutes). */
  tokenTtlS?: number;
}

export const SANDBOX_SCOPES = [
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

/** A token the front door knows: whose, and whether it is still live. */
export type UserTokenStatus = { user: SandboxUser; scopes: readonly string[] } & (
  | { live: true }
  | { live: false; expiresAt: number }
);

interface Code {
  user: SandboxUser;
  redirectUri: string;
  scopes: string[];
  challenge?: string;
  expiresAt: number;
}
interface Access {
  user: SandboxUser;
  refresh: string;
  scopes: string[];
  expiresAt: number;
}
interface Refresh {
  user: SandboxUser;
  scopes: string[];
}

export interface UserOAuth {
  users: readonly SandboxUser[];
  clientId: string;
  /** Checks the app's credentials in constant time. */
  client(clientId: string, clientSecret: string): boolean;
  redirectAllowed(uri: string): boolean;
  userByEmail(email: string): SandboxUser | undefined;
  /** A single-use code for this user, client redirect and (optional) S256 challenge. */
  issueCode(user: SandboxUser, redirectUri: string, scopes: string[], challenge?: string): string;
  /** Takes the code (it works once): its user and scopes when redirect and verifier match. */
  redeemCode(code: string, redirectUri: string, verifier: string | undefined): Refresh | undefined;
  /** A new access token for the refresh token (which stays the same, as HubSpot's). */
  refresh(refreshToken: string): { refreshToken: string; grant: Refresh } | undefined;
  /** A fresh access + refresh token pair for a sign-in. */
  signIn(grant: Refresh): Record<string, unknown>;
  /** The answer to a refresh: a new access token, the same refresh token. */
  tokenAnswer(grant: Refresh, refreshToken: string): Record<string, unknown>;
  introspect(token: string): Record<string, unknown>;
  /** Revokes a refresh token (or the refresh token behind an access token) and its access tokens. */
  revoke(token: string): boolean;
  status(token: string): UserTokenStatus | undefined;
  /** Revokes every sign-in of the user (an admin removing the app's access): how many. */
  revokeUser(email: string): number;
}

const digest = (text: string) => createHash('sha256').update(text).digest();
const key = (token: string) => digest(token).toString('hex');
const same = (a: string, b: string) => a !== '' && timingSafeEqual(digest(a), digest(b));
const LOOPBACK_HTTP = /^http:\/\/(127\.0\.0\.1|localhost)(:\d{1,5})?(\/|$)/;
/** HubSpot's codes are short-lived; 5 minutes here. */
const CODE_TTL_MS = 5 * 60_000;

export function createUserOAuth(
  emails: readonly string[],
  app: OAuthAppSettings = {},
  now: () => number = Date.now,
): UserOAuth {
  const users = emails.map((email, i) => {
    if (!/^[^@\s]+@[^@\s]+$/.test(email))
      throw new RangeError(`sandbox option users: ${email} is not an e-mail`);
    return { id: 1000 + i + 1, email: email.toLowerCase() };
  });
  const clientId = app.clientId ?? 'sandbox-client-id';
  const clientSecret = app.clientSecret ?? 'sandbox-client-secret';
  const ttlS = app.tokenTtlS ?? 1800;
  if (!Number.isInteger(ttlS) || ttlS < 1)
    throw new RangeError(`sandbox option app.tokenTtlS must be a positive integer, got ${app.tokenTtlS}`);
  const codes = new Map<string, Code>();
  const access = new Map<string, Access>();
  const refreshes = new Map<string, Refresh>();

  const mintAccess = (grant: Refresh, refreshToken: string) => {
    const token = `sandbox-user-${randomBytes(32).toString('base64url')}`;
    access.set(key(token), {
      user: grant.user,
      refresh: key(refreshToken),
      scopes: grant.scopes,
      expiresAt: now() + ttlS * 1000,
    });
    return token;
  };
  const answer = (grant: Refresh, refreshToken: string) => ({
    token_type: 'bearer',
    access_token: mintAccess(grant, refreshToken),
    refresh_token: refreshToken,
    expires_in: ttlS,
    hub_id: PORTAL_ID,
    user_id: grant.user.id,
    scopes: grant.scopes,
  });

  return {
    users,
    clientId,
    client: (id, secret) => same(id, clientId) && same(secret, clientSecret),
    redirectAllowed: (uri) => (app.redirectUris ? app.redirectUris.includes(uri) : LOOPBACK_HTTP.test(uri)),
    userByEmail: (email) => users.find((u) => u.email === email.trim().toLowerCase()),
    issueCode(user, redirectUri, scopes, challenge) {
      const code = randomBytes(24).toString('base64url');
      codes.set(key(code), {
        user,
        redirectUri,
        scopes,
        ...(challenge ? { challenge } : {}),
        expiresAt: now() + CODE_TTL_MS,
      });
      return code;
    },
    redeemCode(code, redirectUri, verifier) {
      const k = key(code);
      const entry = codes.get(k);
      codes.delete(k); // single-use, whatever the outcome
      if (!entry || entry.expiresAt < now() || entry.redirectUri !== redirectUri) return undefined;
      if (entry.challenge) {
        const expected = createHash('sha256')
          .update(verifier ?? '')
          .digest('base64url');
        if (!verifier || expected !== entry.challenge) return undefined;
      }
      return { user: entry.user, scopes: entry.scopes };
    },
    refresh(refreshToken) {
      const grant = refreshes.get(key(refreshToken));
      return grant ? { refreshToken, grant } : undefined;
    },
    signIn(grant) {
      const refreshToken = `sandbox-refresh-${randomBytes(32).toString('base64url')}`;
      refreshes.set(key(refreshToken), grant);
      return answer(grant, refreshToken);
    },
    tokenAnswer: answer,
    introspect(token) {
      const k = key(token);
      const a = access.get(k);
      const r = refreshes.get(k);
      const live = a ? a.expiresAt > now() && refreshes.has(a.refresh) : Boolean(r);
      const grant = a ?? r;
      if (!grant || !live) return { active: false };
      return {
        active: true,
        token_type: a ? 'access_token' : 'refresh_token',
        hub_id: PORTAL_ID,
        user_id: grant.user.id,
        user: grant.user.email,
        client_id: clientId,
        app_id: 1,
        scopes: grant.scopes,
        ...(a ? { expires_in: Math.max(0, Math.floor((a.expiresAt - now()) / 1000)) } : {}),
      };
    },
    revoke(token) {
      const k = key(token);
      const refresh = refreshes.has(k) ? k : access.get(k)?.refresh;
      if (!refresh) return false;
      refreshes.delete(refresh);
      for (const [ak, a] of access) if (a.refresh === refresh) access.delete(ak);
      return true;
    },
    revokeUser(email) {
      let n = 0;
      for (const [rk, r] of refreshes) {
        if (r.user.email !== email.trim().toLowerCase()) continue;
        refreshes.delete(rk);
        for (const [ak, a] of access) if (a.refresh === rk) access.delete(ak);
        n++;
      }
      return n;
    },
    status(token) {
      const a = access.get(key(token));
      if (!a) return undefined;
      return a.expiresAt > now()
        ? { user: a.user, scopes: a.scopes, live: true }
        : { user: a.user, scopes: a.scopes, live: false, expiresAt: a.expiresAt };
    },
  };
}
