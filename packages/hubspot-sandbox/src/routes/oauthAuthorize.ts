/**
 * GET /oauth/authorize with HubSpot's parameters (client_id, scope, optional_scope, redirect_uri,
 * state; developers.hubspot.com working-with-oauth): a sign-in page with one form per seeded user
 * (button "Grant access"), or with `login_hint=EMAIL` of a seeded user the grant at once. HubSpot
 * answers the redirect URL with `?code=` (and `state`). A form POSTs back here. PKCE
 * (code_challenge, S256) is bound to the code when sent.
 */
import type { UserOAuth } from '../oauthUsers.js';
import type { Reply, Route, RouteContext } from '../router.js';

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const page = (status: number, title: string, body: string): Reply => ({
  status,
  html: `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`,
  headers: { 'X-Frame-Options': 'DENY', 'Cache-Control': 'no-store' },
});

const FORWARDED = [
  'client_id',
  'redirect_uri',
  'scope',
  'optional_scope',
  'state',
  'code_challenge',
  'code_challenge_method',
];

export function oauthAuthorizeRoutes(oauth: UserOAuth): Route[] {
  const handle = (ctx: RouteContext): Reply => {
    const params = ctx.method === 'POST' ? new URLSearchParams(ctx.raw) : ctx.query;
    const get = (name: string) => params.get(name) ?? '';
    if (get('client_id') !== oauth.clientId)
      return page(400, 'Unknown app', '<p>client_id is not a known app.</p>');
    const redirectUri = get('redirect_uri');
    if (!oauth.redirectAllowed(redirectUri))
      return page(400, 'Redirect URL mismatch', "<p>redirect_uri is not one of the app's redirect URLs.</p>");
    const scopes = get('scope')
      .split(/[\s+]+/)
      .filter(Boolean);
    const challenge = get('code_challenge');
    if (challenge && get('code_challenge_method') !== 'S256')
      return page(400, 'Bad request', '<p>code_challenge_method must be S256.</p>');
    const chosen = ctx.method === 'POST' ? get('user') : get('login_hint');
    const user = chosen ? oauth.userByEmail(chosen) : undefined;
    if (user) {
      const target = new URL(redirectUri);
      target.searchParams.set('code', oauth.issueCode(user, redirectUri, scopes, challenge || undefined));
      if (get('state')) target.searchParams.set('state', get('state'));
      return { status: 302, headers: { Location: target.href, 'Cache-Control': 'no-store' } };
    }
    const hidden = FORWARDED.filter((n) => params.has(n))
      .map((n) => `<input type="hidden" name="${n}" value="${escapeHtml(get(n))}">`)
      .join('');
    const forms = oauth.users
      .map(
        (u) =>
          `<form method="post" action="/oauth/authorize">${hidden}<input type="hidden" name="user" value="${escapeHtml(u.email)}"><p>${escapeHtml(u.email)} <button type="submit">Grant access</button></p></form>`,
      )
      .join('');
    return page(
      200,
      'Sign in to the sandbox portal',
      `<p>Scopes: ${escapeHtml(scopes.join(' '))}</p>${forms}`,
    );
  };
  return [
    { method: 'GET', template: '/oauth/authorize', open: true, handle },
    { method: 'POST', template: '/oauth/authorize', open: true, handle },
  ];
}
