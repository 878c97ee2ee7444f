/**
 * One POST /oauth/{2026-03,v3}/token for both kinds of grant the sandbox issues: a person's sign-in
 * (authorization_code, and refresh tokens from a sign-in: oauthToken2026.ts) and the static app's
 * refresh token (HUBSPOT_REFRESH_TOKEN's flow: oauth.ts). HubSpot serves both at one path, so the
 * client (and, when both apps share an id, the refresh token) decides which handler answers; v1
 * keeps only the static refresh grant.
 */
import type { UserOAuth } from '../oauthUsers.js';
import type { Route, RouteContext } from '../router.js';

export function tokenRoutes(
  staticRoutes: Route[],
  userRoutes: Route[],
  users: UserOAuth,
  staticClientId: string | undefined,
): Route[] {
  const userToken = userRoutes.find((r) => r.template === '/oauth/2026-03/token');
  if (!userToken) throw new Error('the sign-in routes have no /oauth/2026-03/token');
  const forUser = (ctx: RouteContext) => {
    const form = new URLSearchParams(ctx.raw);
    const clientId = form.get('client_id') ?? '';
    // Only sign-ins issue codes, so their handler answers every code, whoever the client is.
    if (form.get('grant_type') === 'authorization_code') return true;
    if (!users.client(clientId, form.get('client_secret') ?? '')) return false;
    // One client id for both: a refresh token no sign-in issued is the static app's.
    if (clientId !== staticClientId || form.get('grant_type') !== 'refresh_token') return true;
    return users.refresh(form.get('refresh_token') ?? '') !== undefined;
  };
  const combined = staticRoutes.map((route): Route => {
    if (route.template === '/oauth/v1/token') return route;
    return { ...route, handle: (ctx) => (forUser(ctx) ? userToken.handle(ctx) : route.handle(ctx)) };
  });
  return [...combined, ...userRoutes.filter((r) => r !== userToken)];
}
