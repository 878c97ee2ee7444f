/**
 * The sandbox's OAuth token endpoints (refresh grant): /oauth/2026-03/token, its undated twin
 * /oauth/v3/token, and /oauth/v1/token until HubSpot's 2027-02-16 sunset; over real HTTP and
 * against HubSpot's specs.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { type Sandbox, startSandbox } from 'hubspot-sandbox';
import { describe, expect, it } from 'vitest';
import { validateRequest, validateResponse } from '../contract/openapi.js';
import { useSandbox } from '../helpers/sandbox.js';
import { caller, UUID } from './helpers.js';

const APP = { clientId: 'client-id-1', clientSecret: 'client-secret-1', refreshToken: 'refresh-token-1' };
const GRANT = {
  grant_type: 'refresh_token',
  client_id: APP.clientId,
  client_secret: APP.clientSecret,
  refresh_token: APP.refreshToken,
};
const TOKEN_PATH = '/oauth/2026-03/token';
const TOKEN_PATHS = ['/oauth/2026-03/token', '/oauth/v3/token', '/oauth/v1/token'] as const;
const NEWER_PATHS = ['/oauth/2026-03/token', '/oauth/v3/token'] as const;
const LABELS = '/crm/associations/v4/contacts/companies/labels';
const FORM = 'application/x-www-form-urlencoded';

// biome-ignore lint/suspicious/noExplicitAny: token and error bodies are asserted field by field.
type Answer = { status: number; headers: Headers; text: string; body: any };

/** POSTs a form (or any raw text) to the token endpoint, with no Authorization header. */
async function requestToken(
  sandbox: Sandbox,
  form: Record<string, string> | string,
  options: { contentType?: string; query?: string; path?: string } = {},
): Promise<Answer> {
  const body = typeof form === 'string' ? form : new URLSearchParams(form).toString();
  const response = await fetch(`${sandbox.url}${options.path ?? TOKEN_PATH}${options.query ?? ''}`, {
    method: 'POST',
    headers: { 'content-type': options.contentType ?? FORM },
    body,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: JSON.parse(text) };
}

describe('sandbox OAuth token endpoint', () => {
  const ctx = useSandbox({ sandbox: { oauth: APP }, each: false });

  it.each(TOKEN_PATHS)(
    '%s issues a fresh bearer for a correct refresh grant, in the shape HubSpot’s spec declares',
    async (path) => {
      const form = new URLSearchParams(GRANT).toString();
      expect(validateRequest({ method: 'POST', path, body: form, contentType: FORM })).toEqual([]);
      ctx.sandbox.log.reset();
      const answer = await requestToken(ctx.sandbox, GRANT, { path });
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({
        token_type: 'bearer',
        refresh_token: APP.refreshToken,
        access_token: expect.any(String),
        expires_in: 1800,
        hub_id: 12345678,
        token_use: 'access_token',
        scopes: expect.arrayContaining(['oauth', 'crm.objects.contacts.read']),
      });
      expect(answer.body.access_token.length).toBeLessThanOrEqual(512);
      expect(answer.headers.get('cache-control')).toBe('no-store');
      expect(answer.headers.get('x-hubspot-correlation-id')).toMatch(UUID);
      const contentType = answer.headers.get('content-type') ?? '';
      expect(validateResponse({ method: 'POST', path, status: 200, contentType, body: answer.text })).toEqual(
        [],
      );
      expect(ctx.sandbox.log.entries).toEqual([
        expect.objectContaining({ method: 'POST', operation: `POST ${path}`, status: 200 }),
      ]);
      // The log holds no secrets: path only, never the form.
      expect(JSON.stringify(ctx.sandbox.log.entries)).not.toContain(APP.clientSecret);

      const labels = await ctx.call('GET', LABELS, undefined, answer.body.access_token);
      expect(labels.status).toBe(200);
      expect(labels.body.results.length).toBeGreaterThan(0);
      expect((await ctx.call('GET', LABELS)).status).toBe(200); // the static token still works
    },
  );

  it('issues a different token on every refresh, each valid until it expires', async () => {
    const [a, b] = await Promise.all([requestToken(ctx.sandbox, GRANT), requestToken(ctx.sandbox, GRANT)]);
    expect(a!.body.access_token).not.toBe(b!.body.access_token);
    for (const answer of [a!, b!])
      expect((await ctx.call('GET', LABELS, undefined, answer.body.access_token)).status).toBe(200);
    expect((await ctx.call('GET', LABELS, undefined, `${a!.body.access_token}x`)).status).toBe(401);
  });

  const query = `?${new URLSearchParams({ client_secret: APP.clientSecret, refresh_token: APP.refreshToken })}`;
  const bodyWithoutSecrets = { grant_type: 'refresh_token', client_id: APP.clientId };

  it('v1 takes client_secret and refresh_token from the query string too, as its spec allows', async () => {
    const path = '/oauth/v1/token';
    expect(validateRequest({ method: 'POST', path: `${path}${query}`, body: '', contentType: FORM })).toEqual(
      [],
    );
    const answer = await requestToken(ctx.sandbox, bodyWithoutSecrets, { query, path });
    expect(answer.status).toBe(200);
  });

  it.each(NEWER_PATHS)(
    '%s reads the form body only: secrets in the query string are not seen',
    async (path) => {
      const answer = await requestToken(ctx.sandbox, bodyWithoutSecrets, { query, path });
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ error: 'invalid_client', status: 'BAD_CLIENT_SECRET' });
    },
  );

  it.each([
    [
      'an unknown refresh token',
      { ...GRANT, refresh_token: 'revoked' },
      'BAD_REFRESH_TOKEN',
      'invalid_grant',
    ],
    ['no refresh token', { ...GRANT, refresh_token: '' }, 'BAD_REFRESH_TOKEN', 'invalid_grant'],
    ['a wrong client secret', { ...GRANT, client_secret: 'nope' }, 'BAD_CLIENT_SECRET', 'invalid_client'],
    ['an unknown client id', { ...GRANT, client_id: 'someone-else' }, 'BAD_CLIENT_ID', 'invalid_client'],
    [
      'a missing client id',
      { grant_type: 'refresh_token', client_secret: APP.clientSecret, refresh_token: APP.refreshToken },
      'BAD_CLIENT_ID',
      'invalid_client',
    ],
    ['another grant type', { ...GRANT, grant_type: 'password' }, 'BAD_GRANT_TYPE', 'unsupported_grant_type'],
    ['no grant type', { client_id: APP.clientId }, 'BAD_GRANT_TYPE', 'unsupported_grant_type'],
  ])('refuses %s with HubSpot’s 400 body, at every token endpoint', async (_, form, status, error) => {
    for (const path of TOKEN_PATHS) {
      const answer = await requestToken(ctx.sandbox, form as Record<string, string>, { path });
      await refusedAsHubSpotDoes(answer, path, status, error);
    }
  });

  async function refusedAsHubSpotDoes(answer: Answer, path: string, status: string, error: string) {
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      error,
      error_description: expect.any(String),
      status,
      message: answer.body.error_description,
      correlationId: answer.headers.get('x-hubspot-correlation-id'),
    });
    if (status === 'BAD_REFRESH_TOKEN')
      expect(answer.body.message).toBe('refresh token is invalid, expired or revoked');
    // The spec's Error schema lacks the RFC 6749 fields (documented in docs/hubspot-api.md §12.2; a
    // reality correction in test/contract/corrections.ts admits them) and its required category.
    const contentType = answer.headers.get('content-type') ?? '';
    expect(validateResponse({ method: 'POST', path, status: 400, contentType, body: answer.body })).toEqual(
      [],
    );
  }

  it('v1 reads a JSON body as a form, finding no grant_type (BAD_GRANT_TYPE), as HubSpot does', async () => {
    const answer = await requestToken(ctx.sandbox, JSON.stringify(GRANT), {
      contentType: 'application/json',
      path: '/oauth/v1/token',
    });
    expect(answer.status).toBe(400);
    expect(answer.body.status).toBe('BAD_GRANT_TYPE');
  });

  it.each(NEWER_PATHS)(
    '%s refuses a body that is not a form (its spec declares only form bodies)',
    async (path) => {
      const json = JSON.stringify(GRANT);
      expect(
        validateRequest({ method: 'POST', path, body: json, contentType: 'application/json' }).join(' '),
      ).toMatch(/application\/json is not declared/);
      for (const contentType of ['application/json', 'text/plain']) {
        const answer = await requestToken(
          ctx.sandbox,
          contentType === 'text/plain' ? new URLSearchParams(GRANT).toString() : json,
          {
            contentType,
            path,
          },
        );
        expect(answer.status).toBe(400);
        expect(answer.body).toMatchObject({ error: 'invalid_request', status: 'INVALID_REQUEST' });
      }
      // A charset parameter is still a form.
      const answer = await requestToken(ctx.sandbox, GRANT, { contentType: `${FORM};charset=UTF-8`, path });
      expect(answer.status).toBe(200);
    },
  );
});

describe('sandbox OAuth tokens: expiry, budget and configuration', () => {
  // docs/hubspot-fidelity.md §6: EXPIRED_AUTHENTICATION with "expired N second(s) ago" and the
  // expiry in context["expire time"]; a token never issued stays INVALID_AUTHENTICATION.
  it('answers an expired access token with HubSpot’s EXPIRED_AUTHENTICATION 401', async () => {
    const sandbox = await startSandbox({ oauth: { ...APP, expiresInSeconds: 1 } });
    try {
      const call = caller(sandbox);
      const before = Date.now();
      const answer = await requestToken(sandbox, GRANT);
      expect(answer.body.expires_in).toBe(1);
      expect((await call('GET', LABELS, undefined, answer.body.access_token)).status).toBe(200);
      await sleep(1_100);
      const expired = await call('GET', LABELS, undefined, answer.body.access_token);
      expect(expired.status).toBe(401);
      expect(expired.body).toEqual({
        status: 'error',
        message: expect.stringMatching(
          /^The OAuth token used to make this call expired \d+ second\(s\) ago\.$/,
        ),
        correlationId: expect.stringMatching(UUID),
        category: 'EXPIRED_AUTHENTICATION',
        context: { 'expire time': [expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)] },
      });
      const expiry = Date.parse(expired.body.context['expire time'][0]);
      expect(expiry).toBeGreaterThanOrEqual(before + 1_000);
      expect(expiry).toBeLessThanOrEqual(Date.now());
      const forged = await call('GET', LABELS, undefined, `${answer.body.access_token}x`);
      expect(forged.body).toMatchObject({ category: 'INVALID_AUTHENTICATION' });
    } finally {
      await sandbox.close();
    }
  });

  it('keeps the token endpoint outside the API budget, which OAuth tokens share with the static one', async () => {
    const sandbox = await startSandbox({ oauth: APP, rateLimit: 2 });
    try {
      const call = caller(sandbox);
      const answers = await Promise.all(Array.from({ length: 5 }, () => requestToken(sandbox, GRANT)));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
      expect(answers[0]!.headers.get('x-hubspot-ratelimit-remaining')).toBeNull();
      const bearer = answers[0]!.body.access_token as string;
      expect((await call('GET', LABELS, undefined, bearer)).status).toBe(200);
      expect((await call('GET', LABELS)).status).toBe(200);
      expect((await call('GET', LABELS, undefined, bearer)).status).toBe(429);
      expect((await requestToken(sandbox, GRANT)).status).toBe(200);
      expect(sandbox.log.count('POST /oauth/2026-03/token')).toBe(6);
    } finally {
      await sandbox.close();
    }
  });

  it('knows no client without the oauth option', async () => {
    const sandbox = await startSandbox({ seed: false });
    try {
      const answer = await requestToken(sandbox, GRANT);
      expect(answer.status).toBe(400);
      expect(answer.body.status).toBe('BAD_CLIENT_ID');
    } finally {
      await sandbox.close();
    }
  });

  it('rejects bad oauth options before listening', async () => {
    await expect(startSandbox({ oauth: { ...APP, clientSecret: ' ' } })).rejects.toThrow(
      /oauth\.clientSecret must be a non-empty string/,
    );
    await expect(startSandbox({ oauth: { ...APP, expiresInSeconds: 0 } })).rejects.toThrow(
      /oauth\.expiresInSeconds must be a positive integer/,
    );
  });
});
