/** The sandbox plays HubSpot's user sign-in: users, the authorize page, 2026-03 token/introspect/revoke. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';

const APP = { client_id: 'sandbox-client-id', client_secret: 'sandbox-client-secret' };
const REDIRECT = 'http://localhost:7777/oauth/callback';
const CONTACTS = '/crm/v3/objects/contacts?limit=1';

describe('sandbox user OAuth', () => {
  const ctx = useSandbox({ sandbox: { users: ['a@x.example', 'b@y.example'] } });

  const authorize = (params: Record<string, string>) =>
    fetch(
      `${ctx.sandbox.url}/oauth/authorize?${new URLSearchParams({ client_id: APP.client_id, redirect_uri: REDIRECT, scope: 'oauth crm.objects.contacts.read', ...params })}`,
      { redirect: 'manual' },
    );
  const post = async (path: string, form: Record<string, string>) => {
    const res = await fetch(`${ctx.sandbox.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const codeFor = async (email: string, extra: Record<string, string> = {}) => {
    const res = await authorize({ login_hint: email, state: 's1', ...extra });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.searchParams.get('state')).toBe('s1');
    return location.searchParams.get('code')!;
  };
  const exchange = (code: string, extra: Record<string, string> = {}) =>
    post('/oauth/2026-03/token', {
      ...APP,
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      ...extra,
    });

  it('shows one form per user with a Grant access button, and posting one grants a code', async () => {
    const res = await authorize({ state: 'xyz' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html.match(/<form/g)).toHaveLength(2);
    expect(html.match(/Grant access/g)).toHaveLength(2);
    expect(html).toContain('b@y.example');
    const form = await fetch(`${ctx.sandbox.url}/oauth/authorize`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: APP.client_id,
        redirect_uri: REDIRECT,
        scope: 'oauth',
        state: 'xyz',
        user: 'b@y.example',
      }),
    });
    expect(form.status).toBe(302);
    const code = new URL(form.headers.get('location')!).searchParams.get('code')!;
    const token = await exchange(code);
    expect(token.status).toBe(200);
    expect(token.body.user_id).toBe(ctx.sandbox.users[1]!.id);
  });

  it('refuses an unknown app or a redirect URL outside the app', async () => {
    expect((await authorize({ client_id: 'other' })).status).toBe(400);
    expect(
      (await authorize({ redirect_uri: 'https://evil.example/cb', login_hint: 'a@x.example' })).status,
    ).toBe(400);
  });

  it('issues tokens bound to the user; the request log names who acted', async () => {
    const token = await exchange(await codeFor('a@x.example'));
    expect(token.status).toBe(200);
    expect(token.body).toMatchObject({
      token_type: 'bearer',
      expires_in: 1800,
      user_id: ctx.sandbox.users[0]!.id,
    });
    const res = await fetch(`${ctx.sandbox.url}${CONTACTS}`, {
      headers: { authorization: `Bearer ${token.body.access_token}` },
    });
    expect(res.status).toBe(200);
    expect(ctx.sandbox.log.entries.at(-1)?.user).toBe('a@x.example');
    // The token has the scopes granted at sign-in only.
    const companies = await fetch(`${ctx.sandbox.url}/crm/v3/objects/companies?limit=1`, {
      headers: { authorization: `Bearer ${token.body.access_token}` },
    });
    expect(companies.status).toBe(403);
    const seen = await post('/oauth/2026-03/token/introspect', { ...APP, token: token.body.access_token });
    expect(seen.body).toMatchObject({ active: true, user: 'a@x.example', user_id: ctx.sandbox.users[0]!.id });
    expect((await post('/oauth/2026-03/token/introspect', { ...APP, token: 'nope' })).body).toEqual({
      active: false,
    });
  });

  it('a code works once, for its redirect and PKCE verifier only', async () => {
    const code = await codeFor('a@x.example');
    expect((await exchange(code, { redirect_uri: 'http://localhost:7777/other' })).body.error).toBe(
      'invalid_grant',
    );
    const again = await codeFor('a@x.example');
    expect((await exchange(again)).status).toBe(200);
    expect((await exchange(again)).body.error).toBe('invalid_grant');
    const verifier = 'v'.repeat(50);
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const pkce = await codeFor('a@x.example', { code_challenge: challenge, code_challenge_method: 'S256' });
    expect((await exchange(pkce, { code_verifier: 'w'.repeat(50) })).body.error).toBe('invalid_grant');
    const pkce2 = await codeFor('a@x.example', { code_challenge: challenge, code_challenge_method: 'S256' });
    expect((await exchange(pkce2, { code_verifier: verifier })).status).toBe(200);
    expect((await exchange(await codeFor('a@x.example'), { client_secret: 'wrong' })).body.error).toBe(
      'invalid_client',
    );
  });

  it('refreshes with the same refresh token, and revocation ends the sign-in', async () => {
    const first = (await exchange(await codeFor('b@y.example'))).body;
    const refreshed = await post('/oauth/2026-03/token', {
      ...APP,
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).toBe(first.refresh_token);
    expect(refreshed.body.access_token).not.toBe(first.access_token);
    expect((await post('/oauth/2026-03/token/revoke', { ...APP, token: first.refresh_token })).status).toBe(
      204,
    );
    const res = await fetch(`${ctx.sandbox.url}${CONTACTS}`, {
      headers: { authorization: `Bearer ${refreshed.body.access_token}` },
    });
    expect(res.status).toBe(401);
    const again = await post('/oauth/2026-03/token', {
      ...APP,
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token,
    });
    expect(again.body.error).toBe('invalid_grant');
  });
});
