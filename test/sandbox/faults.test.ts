import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';

const LABELS = '/crm/associations/v4/contacts/companies/labels';
const CREATE = 'POST /crm/v4/associations/{fromObjectType}/{toObjectType}/batch/create';

describe('fault injection and the request log', () => {
  const ctx = useSandbox({ sandbox: { seed: false } });

  it('fails the next N matching requests, then answers normally', async () => {
    ctx.sandbox.faults.inject({ status: 503, times: 2, match: '/labels' });
    expect(ctx.sandbox.faults.pending()).toBe(2);
    const other = await ctx.call('GET', '/crm/associations/v4/definitions/configurations/all');
    expect(other.status).toBe(200);
    const first = await ctx.call('GET', LABELS);
    expect(first.status).toBe(503);
    expect(first.body).toMatchObject({ status: 'error', category: 'INTERNAL_ERROR' });
    expect(first.headers.get('x-hubspot-ratelimit-remaining')).not.toBeNull();
    expect((await ctx.call('GET', LABELS)).status).toBe(503);
    expect((await ctx.call('GET', LABELS)).status).toBe(200);
    expect(ctx.sandbox.faults.pending()).toBe(0);
    expect(ctx.sandbox.log.count('/labels')).toBe(3);
    expect(ctx.sandbox.log.entries.map((e) => e.status)).toEqual([200, 503, 503, 200]);
  });

  it('injects 429s with the chosen policy and Retry-After, outside the real budget', async () => {
    ctx.sandbox.portal.setRateLimit(1);
    ctx.sandbox.faults.inject({ status: 429, policyName: 'DAILY', retryAfterSeconds: 7 });
    const refused = await ctx.call('GET', LABELS);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ policyName: 'DAILY', errorType: 'RATE_LIMIT' });
    expect(refused.headers.get('retry-after')).toBe('7');
    expect((await ctx.call('GET', LABELS)).status).toBe(200);
    expect(ctx.sandbox.log.rateLimited()).toBe(1);
  });

  it('commitThenFail applies the write and loses the answer', async () => {
    const contact = ctx.sandbox.portal.createObject('contacts', { email: 'c@example.com' });
    const company = ctx.sandbox.portal.createObject('companies', { name: 'Acme' });
    ctx.sandbox.faults.inject({ status: 502, commitThenFail: true, match: CREATE });
    const answer = await ctx.call('POST', '/crm/v4/associations/contacts/companies/batch/create', {
      inputs: [
        {
          from: { id: contact.id },
          to: { id: company.id },
          types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 }],
        },
      ],
    });
    expect(answer.status).toBe(502);
    expect(ctx.sandbox.portal.associations('contacts', contact.id, 'companies')).toHaveLength(1);
    expect(ctx.sandbox.log.entries.at(-1)).toMatchObject({ operation: CREATE, status: 502, inputs: 1 });
  });

  it('matches a route template exactly, and a predicate by method and path', async () => {
    ctx.sandbox.faults.inject({ status: 500, match: 'POST /crm/v3/objects/{objectType}' });
    expect((await ctx.call('POST', '/crm/v3/objects/contacts/search', {})).status).toBe(200);
    expect((await ctx.call('POST', '/crm/v3/objects/contacts', { properties: {} })).status).toBe(500);
    expect(ctx.sandbox.portal.countObjects('contacts')).toBe(0);
    ctx.sandbox.faults.inject({
      status: 504,
      match: (method, path) => method === 'GET' && path.includes('configurations'),
    });
    expect((await ctx.call('GET', LABELS)).status).toBe(200);
    expect((await ctx.call('GET', '/crm/associations/v4/definitions/configurations/all')).status).toBe(504);
  });

  it('sends a custom body, can reset the connection, and clear() disarms everything', async () => {
    ctx.sandbox.faults.inject({
      status: 403,
      body: { status: 'error', message: 'scopes', category: 'MISSING_SCOPES' },
    });
    const forbidden = await ctx.call('GET', LABELS);
    expect(forbidden).toMatchObject({ status: 403, body: { category: 'MISSING_SCOPES' } });
    ctx.sandbox.faults.inject({ status: 0 });
    await expect(ctx.call('GET', LABELS)).rejects.toThrow();
    expect(ctx.sandbox.log.entries.at(-1)?.status).toBe(0);
    ctx.sandbox.faults.inject({ status: 500, times: 5 });
    ctx.sandbox.faults.clear();
    expect((await ctx.call('GET', LABELS)).status).toBe(200);
    expect(() => ctx.sandbox.faults.inject({ status: 700 })).toThrow(RangeError);
  });

  it('delays an answer by delayMs', async () => {
    ctx.sandbox.faults.inject({ status: 503, delayMs: 150 });
    const started = Date.now();
    expect((await ctx.call('GET', LABELS)).status).toBe(503);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('logs method, path with query, operation, status, time and batch inputs; counts and resets', async () => {
    const before = Date.now();
    await ctx.call('GET', `${LABELS}?x=1`);
    await ctx.call('POST', '/crm/v4/associations/contacts/companies/batch/read', {
      inputs: [{ id: '1' }, { id: '2' }],
    });
    await ctx.call('GET', LABELS, undefined, null);
    expect(ctx.sandbox.log.entries[0]).toMatchObject({
      method: 'GET',
      path: `${LABELS}?x=1`,
      operation: 'GET /crm/associations/v4/{fromObjectType}/{toObjectType}/labels',
      status: 200,
    });
    expect(ctx.sandbox.log.entries[0]!.at).toBeGreaterThanOrEqual(before);
    expect(ctx.sandbox.log.entries[1]).toMatchObject({ status: 207, inputs: 2 });
    expect(ctx.sandbox.log.count('GET /crm/associations/v4/{fromObjectType}/{toObjectType}/labels')).toBe(2);
    expect(ctx.sandbox.log.count('batch/read')).toBe(1);
    expect(ctx.sandbox.log.count((e) => e.status === 401)).toBe(1);
    ctx.sandbox.log.reset();
    expect(ctx.sandbox.log.entries).toHaveLength(0);
  });
});
