import type { Sandbox } from 'hubspot-sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { createHubSpot, type HubSpot, HubSpotError } from '../../src/hubspot/index.js';
import { resolveObjectType } from '../../src/hubspot/objectTypes.js';
import { useSandbox } from '../helpers/sandbox.js';

const contacts = resolveObjectType('contacts');
const companies = resolveObjectType('companies');
const LABELS = 'GET /crm/associations/2026-03/{fromObjectType}/{toObjectType}/labels';

/** Retries wait 1/1000 of the real time so a 10 s rate-limit pause takes 10 ms. */
function client(sandbox: Sandbox, extra: Partial<Parameters<typeof createHubSpot>[0]> = {}): HubSpot {
  return createHubSpot({
    baseUrl: sandbox.url,
    token: sandbox.token,
    retry: { timeScale: 0.001 },
    ...extra,
  });
}

describe('throttle and retry policy, measured at the sandbox', () => {
  const ctx = useSandbox({ sandbox: { seed: true } });
  let hubspot: HubSpot;
  afterEach(async () => {
    await hubspot?.close();
  });

  it('keeps a burst of 5x the budget inside every rolling window, with no 429', async () => {
    const perWindow = 20;
    const windowMs = 1_000;
    ctx.sandbox.portal.setRateLimit(perWindow, windowMs);
    hubspot = client(ctx.sandbox, { rateLimit: perWindow, limiter: { windowMs } });
    ctx.sandbox.log.reset();
    const results = await Promise.all(
      Array.from({ length: perWindow * 5 }, () => hubspot.labels.list(contacts, companies)),
    );
    expect(results).toHaveLength(100);
    expect(ctx.sandbox.log.rateLimited()).toBe(0);
    const times = ctx.sandbox.log.entries.map((e) => e.arrivedAt).sort((a, b) => a - b);
    expect(times).toHaveLength(100);
    for (const start of times) {
      const inWindow = times.filter((t) => t >= start && t < start + windowMs).length;
      expect(inWindow).toBeLessThanOrEqual(perWindow);
    }
  });

  it('follows X-HubSpot-RateLimit-Max with rateLimit auto (a portal stricter than the default 100)', async () => {
    const windowMs = 1_000;
    ctx.sandbox.portal.setRateLimit(30, windowMs);
    hubspot = client(ctx.sandbox, { rateLimit: 'auto', limiter: { windowMs, maxConcurrent: 5 } });
    ctx.sandbox.log.reset();
    await Promise.all(Array.from({ length: 90 }, () => hubspot.labels.list(contacts, companies)));
    expect(ctx.sandbox.log.rateLimited()).toBe(0);
    expect(ctx.sandbox.log.count(LABELS)).toBe(90);
    expect(hubspot.client.budget.perWindow).toBe(30);
  });

  it('lowers a fixed budget to a smaller X-HubSpot-RateLimit-Max, never raises it', async () => {
    const windowMs = 1_000;
    ctx.sandbox.portal.setRateLimit(30, windowMs);
    hubspot = client(ctx.sandbox, { rateLimit: 100, limiter: { windowMs, maxConcurrent: 5 } });
    ctx.sandbox.log.reset();
    await Promise.all(Array.from({ length: 90 }, () => hubspot.labels.list(contacts, companies)));
    expect(ctx.sandbox.log.rateLimited()).toBe(0);
    expect(hubspot.client.budget.perWindow).toBe(30);

    ctx.sandbox.portal.setRateLimit(1_000, windowMs); // a larger allowance is not followed without 'auto'
    await hubspot.labels.list(contacts, companies);
    expect(hubspot.client.rateLimit.max).toBe(1_000);
    expect(hubspot.client.budget.perWindow).toBe(30);
  });

  it('waits out a TEN_SECONDLY_ROLLING 429 and succeeds', async () => {
    hubspot = client(ctx.sandbox);
    ctx.sandbox.faults.inject({ status: 429, policyName: 'TEN_SECONDLY_ROLLING', times: 2 });
    ctx.sandbox.log.reset();
    const types = await hubspot.labels.list(contacts, companies);
    expect(types.map((t) => t.typeId)).toContain(279);
    expect(ctx.sandbox.log.count(LABELS)).toBe(3);
    expect(hubspot.client.stats.rateLimited).toBe(2);
  });

  it('gives a DAILY 429 a clear error and never retries it', async () => {
    hubspot = client(ctx.sandbox);
    ctx.sandbox.faults.inject({ status: 429, policyName: 'DAILY' });
    ctx.sandbox.log.reset();
    const error = await hubspot.labels.list(contacts, companies).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubSpotError);
    expect((error as HubSpotError).hint).toMatch(/daily API budget spent/);
    expect(ctx.sandbox.log.count(LABELS)).toBe(1);
  });

  it('recovers from a burst of 503s', async () => {
    hubspot = client(ctx.sandbox, { retry: { timeScale: 0.001, baseDelayMs: 10 } });
    ctx.sandbox.faults.inject({ status: 503, times: 3 });
    ctx.sandbox.log.reset();
    const types = await hubspot.labels.list(contacts, companies);
    expect(types.length).toBeGreaterThan(0);
    expect(ctx.sandbox.log.count(LABELS)).toBe(4);
    expect(hubspot.client.stats.retries).toBe(3);
  });

  it('gives up on 5xx after the attempt cap', async () => {
    hubspot = client(ctx.sandbox, { retry: { timeScale: 0.001, baseDelayMs: 10, maxAttempts: 3 } });
    ctx.sandbox.faults.inject({ status: 502, times: 10 });
    ctx.sandbox.log.reset();
    const error = await hubspot.labels.list(contacts, companies).catch((e: unknown) => e);
    expect((error as HubSpotError).status).toBe(502);
    expect(ctx.sandbox.log.count(LABELS)).toBe(3);
  });

  it.each([400, 401, 403, 404, 409, 422])('never retries a %i', async (status) => {
    hubspot = client(ctx.sandbox);
    ctx.sandbox.faults.inject({ status, times: 5 });
    ctx.sandbox.log.reset();
    const error = await hubspot.labels.list(contacts, companies).catch((e: unknown) => e);
    expect((error as HubSpotError).status).toBe(status);
    expect(ctx.sandbox.log.count(LABELS)).toBe(1);
  });

  it('does not repeat a record creation after an ambiguous 502', async () => {
    hubspot = client(ctx.sandbox, { retry: { timeScale: 0.001, baseDelayMs: 10 } });
    const before = ctx.sandbox.portal.countObjects('companies');
    ctx.sandbox.faults.inject({
      status: 502,
      commitThenFail: true,
      match: 'POST /crm/objects/2026-03/{objectType}',
    });
    const error = await hubspot.objects
      .create(resolveObjectType('companies'), { name: 'Ambiguous Co' })
      .catch((e: unknown) => e);
    expect((error as HubSpotError).status).toBe(502);
    expect(ctx.sandbox.portal.countObjects('companies')).toBe(before + 1);
  });

  it('repeats a create the caller marks idempotent (a contact by e-mail meets 409 "Existing ID")', async () => {
    hubspot = client(ctx.sandbox, { retry: { timeScale: 0.001, baseDelayMs: 10 } });
    const before = ctx.sandbox.portal.countObjects('contacts');
    ctx.sandbox.faults.inject({
      status: 0,
      commitThenFail: true,
      match: 'POST /crm/objects/2026-03/{objectType}',
    });
    const error = (await hubspot.objects
      .create(contacts, { email: 'ambiguous@example.com' }, [], { idempotent: true })
      .catch((e: unknown) => e)) as HubSpotError;
    expect(error.status).toBe(409);
    expect(error.message).toMatch(/Existing ID: \d+/);
    expect(ctx.sandbox.portal.countObjects('contacts')).toBe(before + 1);
  });

  it('names a missing scope from a 403 body', async () => {
    hubspot = client(ctx.sandbox);
    ctx.sandbox.faults.inject({
      status: 403,
      body: {
        status: 'error',
        message: "This app hasn't been granted all required scopes to make this call.",
        correlationId: '0b8f5d7a-0000-4000-8000-000000000000',
        category: 'MISSING_SCOPES',
        errors: [
          {
            message: 'One or more of the following scopes are required.',
            context: { requiredGranularScopes: ['crm.objects.companies.write'] },
          },
        ],
      },
    });
    const error = (await hubspot.labels.list(contacts, companies).catch((e: unknown) => e)) as HubSpotError;
    expect(error.hint).toContain('crm.objects.companies.write');
  });

  it('reports a bad token as invalid or expired, and never echoes it', async () => {
    hubspot = createHubSpot({ baseUrl: ctx.sandbox.url, token: 'pat-na1-secret-value-1234' });
    const error = (await hubspot.labels.list(contacts, companies).catch((e: unknown) => e)) as HubSpotError;
    expect(error.status).toBe(401);
    expect(error.hint).toMatch(/invalid or expired/);
    expect(JSON.stringify({ m: error.message, h: error.hint, b: error.body })).not.toContain('secret-value');
  });
});
