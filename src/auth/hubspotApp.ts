/**
 * The HubSpot app's side of a sign-in, spoken directly (form bodies, no bearer): the code exchange
 * and the refresh on POST /oauth/2026-03/token, and introspection for the user's e-mail
 * (../shared/reference/http-oauth.md §3). Secrets never go into an error message.
 */
export interface HubSpotTokens {
  accessToken: string;
  refreshToken: string;
  /** ms timestamp. */
  expiresAt: number;
  /** ms: how long the access token lives (the refresh margin follows it). */
  lifetimeMs: number;
  hubId: number;
  userId: number;
}

export class HubSpotOAuthError extends Error {
  override readonly name = 'HubSpotOAuthError';
  constructor(
    message: string,
    /** HubSpot refused the grant itself (revoked or bad refresh token, used code). */
    readonly rejected: boolean,
  ) {
    super(message);
  }
}

export interface HubSpotApp {
  exchangeCode(code: string, verifier: string, redirectUri: string): Promise<HubSpotTokens>;
  refresh(refreshToken: string): Promise<HubSpotTokens>;
  /** The e-mail HubSpot names the token's user by, when it says. */
  userEmail(accessToken: string): Promise<string | undefined>;
}

export function createHubSpotApp(options: {
  apiBase: string;
  clientId: string;
  clientSecret: string;
  now?: () => number;
}): HubSpotApp {
  const now = options.now ?? Date.now;
  const post = async (path: string, form: Record<string, string>) => {
    const res = await fetch(`${options.apiBase}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        client_id: options.clientId,
        client_secret: options.clientSecret,
        ...form,
      }),
    });
    const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (!res.ok) {
      const code = typeof body.error === 'string' ? body.error : `HTTP ${res.status}`;
      throw new HubSpotOAuthError(
        `HubSpot refused ${path}: ${code}`,
        res.status === 400 && code === 'invalid_grant',
      );
    }
    return body;
  };
  const tokens = (body: Record<string, unknown>): HubSpotTokens => {
    const lifetimeMs = Number(body.expires_in ?? 1800) * 1000;
    return {
      accessToken: String(body.access_token),
      refreshToken: String(body.refresh_token),
      expiresAt: now() + lifetimeMs,
      lifetimeMs,
      hubId: Number(body.hub_id),
      userId: Number(body.user_id),
    };
  };
  return {
    exchangeCode: async (code, verifier, redirectUri) =>
      tokens(
        await post('/oauth/2026-03/token', {
          grant_type: 'authorization_code',
          code,
          code_verifier: verifier,
          redirect_uri: redirectUri,
        }),
      ),
    refresh: async (refreshToken) =>
      tokens(
        await post('/oauth/2026-03/token', { grant_type: 'refresh_token', refresh_token: refreshToken }),
      ),
    async userEmail(accessToken) {
      const body = await post('/oauth/2026-03/token/introspect', {
        token: accessToken,
        token_type_hint: 'access_token',
      });
      return typeof body.user === 'string' ? body.user : undefined;
    },
  };
}
