import type { TokenProvider } from './auth.js';
import { HubSpotError, type HubSpotErrorBody } from './errors.js';
import { OAUTH_TOKEN_PATH } from './routes.js';

export interface OAuthRefreshOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  /** Refresh this long before HubSpot's expiry (access tokens live 30 minutes). */
  skewMs?: number;
  /** Told every new access token, e.g. so the logger can redact it. */
  onToken?: (accessToken: string) => void;
  now?: () => number;
}

interface TokenAnswer {
  access_token: string;
  expires_in: number;
  refresh_token?: string;
}

/**
 * OAuth refresh-token auth: one refresh at a time however many requests need the token, run
 * outside the request throttle, renewed before it expires (HubSpot advises against waiting for a 401).
 */
export function oauthRefreshToken(options: OAuthRefreshOptions): TokenProvider {
  const now = options.now ?? Date.now;
  const skewMs = options.skewMs ?? 60_000;
  let refreshToken = options.refreshToken;
  let current: { token: string; expiresAt: number } | undefined;
  let inflight: Promise<string> | undefined;

  async function refresh(): Promise<string> {
    const form = new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: options.clientId,
      client_secret: options.clientSecret,
      refresh_token: refreshToken,
    });
    const { request } = await import('undici'); // loaded when first needed, like the client's pool
    // Parameters in the form body only: the 2026-03 endpoint reads no query string (docs/hubspot-api.md §12.2).
    const res = await request(new URL(OAUTH_TOKEN_PATH, options.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
    });
    const body = (await res.body.json().catch(() => undefined)) as
      | (TokenAnswer & HubSpotErrorBody)
      | undefined;
    if (res.statusCode >= 400 || !body?.access_token) {
      // A refused refresh token means re-authorising, never retrying (BAD_REFRESH_TOKEN, RFC 6749's
      // invalid_grant). HubSpot's legacy `status` / `message` come first, its RFC 6749 `error` /
      // `error_description` stand in when they are all a body carries.
      throw new HubSpotError(
        res.statusCode >= 400 ? res.statusCode : 502,
        {
          ...body,
          category: body?.status ?? body?.category ?? body?.error,
          message: body?.message ?? body?.error_description ?? body?.error ?? 'OAuth token refresh failed',
        },
        { method: 'POST', path: OAUTH_TOKEN_PATH },
      );
    }
    if (body.refresh_token) refreshToken = body.refresh_token;
    options.onToken?.(body.access_token);
    current = { token: body.access_token, expiresAt: now() + body.expires_in * 1_000 };
    return body.access_token;
  }

  return {
    async token() {
      if (current && now() < current.expiresAt - skewMs) return current.token;
      inflight ??= refresh().finally(() => {
        inflight = undefined;
      });
      return inflight;
    },
    invalidate() {
      current = undefined;
    },
  };
}
