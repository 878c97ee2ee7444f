/**
 * The 2026-03 token endpoints for user sign-ins (HubSpot-public-api-spec-collection
 * PublicApiSpecs/Auth/Oauth/Rollouts/279897/2026-03/oauth.json): POST /oauth/2026-03/token
 * (authorization_code with the app's credentials, redirect_uri and code_verifier; refresh_token),
 * /oauth/2026-03/token/introspect ({active:false} for an unknown token: assumed) and
 * /oauth/2026-03/token/revoke (204, as v1's revoke). Form bodies; open (no bearer, no budget).
 */
import type { UserOAuth } from '../oauthUsers.js';
import type { Reply, Route, RouteContext } from '../router.js';

const fail = (error: string, status: string, message: string, correlationId: string): Reply => ({
  status: 400,
  body: { error, error_description: message, status, message, correlationId },
});

export function oauthToken2026Routes(oauth: UserOAuth): Route[] {
  const form = (ctx: RouteContext) => new URLSearchParams(ctx.raw);
  const app = (f: URLSearchParams) => oauth.client(f.get('client_id') ?? '', f.get('client_secret') ?? '');
  const noStore = { 'Cache-Control': 'no-store' };

  const token = (ctx: RouteContext): Reply => {
    const f = form(ctx);
    const id = ctx.correlationId;
    if (!app(f)) return fail('invalid_client', 'BAD_CLIENT_ID', 'missing or invalid client id or secret', id);
    const grantType = f.get('grant_type');
    if (grantType === 'authorization_code') {
      const grant = oauth.redeemCode(
        f.get('code') ?? '',
        f.get('redirect_uri') ?? '',
        f.get('code_verifier') ?? undefined,
      );
      if (!grant)
        return fail(
          'invalid_grant',
          'BAD_AUTH_CODE',
          'code is invalid, used, expired or for another redirect',
          id,
        );
      return { status: 200, body: oauth.signIn(grant), headers: noStore };
    }
    if (grantType === 'refresh_token') {
      const found = oauth.refresh(f.get('refresh_token') ?? '');
      if (!found)
        return fail('invalid_grant', 'BAD_REFRESH_TOKEN', 'refresh token is invalid, expired or revoked', id);
      return { status: 200, body: oauth.tokenAnswer(found.grant, found.refreshToken), headers: noStore };
    }
    return fail(
      'unsupported_grant_type',
      'BAD_GRANT_TYPE',
      'grant_type must be authorization_code or refresh_token',
      id,
    );
  };
  const introspect = (ctx: RouteContext): Reply => {
    const f = form(ctx);
    if (!app(f))
      return fail(
        'invalid_client',
        'BAD_CLIENT_ID',
        'missing or invalid client id or secret',
        ctx.correlationId,
      );
    return { status: 200, body: oauth.introspect(f.get('token') ?? ''), headers: noStore };
  };
  const revoke = (ctx: RouteContext): Reply => {
    const f = form(ctx);
    if (!app(f))
      return fail(
        'invalid_client',
        'BAD_CLIENT_ID',
        'missing or invalid client id or secret',
        ctx.correlationId,
      );
    oauth.revoke(f.get('token') ?? '');
    return { status: 204 };
  };
  return [
    { method: 'POST', template: '/oauth/2026-03/token', open: true, handle: token },
    { method: 'POST', template: '/oauth/2026-03/token/introspect', open: true, handle: introspect },
    { method: 'POST', template: '/oauth/2026-03/token/revoke', open: true, handle: revoke },
  ];
}
