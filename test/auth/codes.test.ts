/** Our /token and callback: codes single-use and bound; consent before HubSpot; state single-use; the browser binding. */
import { createHash, randomBytes } from 'node:crypto';
import { type Sandbox, startSandbox } from 'hubspot-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browser, consentAndSignIn, csrfOf, location, REDIRECT, startTeam, type Team } from './team.js';

let sandbox: Sandbox;
let team: Team;
beforeAll(async () => {
  sandbox = await startSandbox({ users: ['a@x.example', 'b@y.example'] });
  team = await startTeam(sandbox.url);
});
afterAll(async () => {
  await team?.close();
  await sandbox?.close();
});

async function registered() {
  const res = await fetch(`${team.origin}/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      client_name: 'raw client',
      redirect_uris: [REDIRECT, 'http://localhost:1/other'],
      token_endpoint_auth_method: 'client_secret_post',
    }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { client_id: string; client_secret: string };
}

function authorizeUrl(clientId: string, verifier: string, extra: Record<string, string> = {}) {
  const url = new URL(`${team.origin}/authorize`);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: REDIRECT,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    state: 'client-state',
    resource: team.url,
    ...extra,
  }).toString();
  return url;
}

const token = async (form: Record<string, string>) => {
  const res = await fetch(`${team.origin}/token`, { method: 'POST', body: new URLSearchParams(form) });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
};

describe('authorization codes', () => {
  it('a code works once, only with its verifier, redirect and resource; refresh tokens rotate', async () => {
    const client = await registered();
    const creds = { client_id: client.client_id, client_secret: client.client_secret };
    const verifier = randomBytes(32).toString('base64url');
    const grant = (code: string, extra: Record<string, string> = {}) =>
      token({
        ...creds,
        grant_type: 'authorization_code',
        code,
        code_verifier: verifier,
        redirect_uri: REDIRECT,
        resource: team.url,
        ...extra,
      });

    const wrongVerifier = (await consentAndSignIn(authorizeUrl(client.client_id, verifier), 'a@x.example'))
      .code;
    expect(
      (await grant(wrongVerifier, { code_verifier: randomBytes(32).toString('base64url') })).body.error,
    ).toBe('invalid_grant');
    // Spent by the failed attempt too.
    expect((await grant(wrongVerifier)).body.error).toBe('invalid_grant');

    const otherRedirect = (await consentAndSignIn(authorizeUrl(client.client_id, verifier), 'a@x.example'))
      .code;
    expect((await grant(otherRedirect, { redirect_uri: 'http://localhost:1/other' })).body.error).toBe(
      'invalid_grant',
    );

    const good = (await consentAndSignIn(authorizeUrl(client.client_id, verifier), 'a@x.example')).code;
    const first = await grant(good);
    expect(first.status).toBe(200);
    expect(first.body.access_token).toBeTruthy();
    expect((await grant(good)).body.error).toBe('invalid_grant');

    const refreshed = await token({
      ...creds,
      grant_type: 'refresh_token',
      refresh_token: first.body.refresh_token!,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).not.toBe(first.body.refresh_token);
    const replay = await token({
      ...creds,
      grant_type: 'refresh_token',
      refresh_token: first.body.refresh_token!,
    });
    expect(replay.body.error).toBe('invalid_grant');
    // The replay of a spent refresh token ends the sign-in: the tokens it rotated into stop too.
    const afterReplay = await fetch(team.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${refreshed.body.access_token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(afterReplay.status).toBe(401);
  });

  it('revoking our refresh token ends the sign-in', async () => {
    const client = await registered();
    const creds = { client_id: client.client_id, client_secret: client.client_secret };
    const verifier = randomBytes(32).toString('base64url');
    const code = (await consentAndSignIn(authorizeUrl(client.client_id, verifier), 'b@y.example')).code;
    const refreshed = await token({
      ...creds,
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      redirect_uri: REDIRECT,
      resource: team.url,
    });
    expect(refreshed.status).toBe(200);
    const live = await fetch(team.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${refreshed.body.access_token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(live.status).not.toBe(401);
    const revoke = await fetch(`${team.origin}/revoke`, {
      method: 'POST',
      body: new URLSearchParams({ ...creds, token: refreshed.body.refresh_token! }),
    });
    expect(revoke.status).toBe(200);
    const mcp = await fetch(team.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${refreshed.body.access_token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(mcp.status).toBe(401);
  });
});

describe('consent', () => {
  it('is shown by us, names client, scopes and redirect, cannot be framed, and nothing reaches HubSpot before it', async () => {
    const client = await registered();
    sandbox.log.reset();
    const page = await fetch(authorizeUrl(client.client_id, 'v'.repeat(43), { scope: 'crm' }), {
      redirect: 'manual',
    });
    expect(page.status).toBe(200);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const html = await page.text();
    expect(html).toContain('raw client');
    expect(html).toContain(REDIRECT);
    expect(html).toContain('crm');
    expect(sandbox.log.entries).toHaveLength(0);
  });

  it('refuses a consent POST without the CSRF token or from another browser', async () => {
    const client = await registered();
    const b = browser();
    const html = await (await b.go(authorizeUrl(client.client_id, 'v'.repeat(43)))).text();
    const post = (who: ReturnType<typeof browser>, csrf: string) =>
      who.go(`${team.origin}/authorize/consent`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ csrf, decision: 'allow' }),
      });
    expect((await post(b, 'forged')).status).toBe(400);
    expect((await post(browser(), csrfOf(html))).status).toBe(400);
  });

  it('refuses a callback without the consent browser binding, or with a replayed state', async () => {
    const client = await registered();
    const b = browser();
    const html = await (await b.go(authorizeUrl(client.client_id, 'v'.repeat(43)))).text();
    const consent = await b.go(`${team.origin}/authorize/consent`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf: csrfOf(html), decision: 'allow' }),
    });
    const hubspot = location(consent);
    expect(hubspot.origin).toBe(sandbox.url);
    expect(hubspot.searchParams.get('state')).not.toBe('client-state');
    expect(hubspot.searchParams.get('code_challenge_method')).toBe('S256');
    hubspot.searchParams.set('login_hint', 'a@x.example');
    const callback = location(await fetch(hubspot, { redirect: 'manual' }));
    // Another browser (the attacker's) gets nothing, and its try spends the state.
    const stranger = await fetch(callback, { redirect: 'manual' });
    expect(stranger.status).toBe(400);
    expect((await b.go(callback)).status).toBe(400);
    expect(sandbox.log.count('/oauth/2026-03/token')).toBe(0);
  });

  it('a second use of a good callback is refused', async () => {
    const client = await registered();
    const b = browser();
    const { callbackUrl } = await consentAndSignIn(
      authorizeUrl(client.client_id, 'v'.repeat(43)),
      'a@x.example',
      b,
    );
    expect((await b.go(callbackUrl)).status).toBe(400);
  });
});
