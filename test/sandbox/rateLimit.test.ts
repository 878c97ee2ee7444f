import { type Sandbox, type SandboxOptions, startSandbox } from 'hubspot-sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { type Call, caller } from './helpers.js';

const LABELS = '/crm/associations/v4/contacts/companies/labels';
const SEARCH = '/crm/v3/objects/contacts/search';

describe('rate limits', () => {
  let sandbox: Sandbox | undefined;
  let call: Call;

  const start = async (options: SandboxOptions) => {
    sandbox = await startSandbox({ seed: false, ...options });
    call = caller(sandbox);
    return sandbox;
  };
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  it('answers the 101st request in a window with 429 TEN_SECONDLY_ROLLING and counts down in headers', async () => {
    const s = await start({});
    const first = await call('GET', LABELS);
    expect(first.headers.get('x-hubspot-ratelimit-max')).toBe('100');
    expect(first.headers.get('x-hubspot-ratelimit-remaining')).toBe('99');
    expect(first.headers.get('x-hubspot-ratelimit-interval-milliseconds')).toBe('10000');
    expect(first.headers.get('x-hubspot-ratelimit-daily')).toBeNull();
    await Promise.all(Array.from({ length: 99 }, () => call('GET', LABELS)));

    const refused = await call('POST', '/crm/v3/objects/contacts', {
      properties: { email: 'late@example.com' },
    });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({
      status: 'error',
      message: 'You have reached your ten_secondly_rolling limit.',
      errorType: 'RATE_LIMIT',
      policyName: 'TEN_SECONDLY_ROLLING',
      groupName: expect.stringMatching(/^publicapi:private_app-api-calls-ten-secondly:/),
    });
    expect(refused.headers.get('x-hubspot-ratelimit-remaining')).toBe('0');
    expect(refused.headers.get('x-hubspot-correlation-id')).toBe(refused.body.correlationId);
    expect(s.portal.countObjects('contacts')).toBe(0);
    expect(s.log.rateLimited()).toBe(1);
    expect(s.log.count()).toBe(101);
  });

  it('does not count 429s against the budget, and the rolling window frees slots', async () => {
    const s = await start({ rateLimit: 3, windowMs: 400 });
    for (let i = 0; i < 3; i++) expect((await call('GET', LABELS)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await call('GET', LABELS)).status).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, 450));
    const again = await call('GET', LABELS);
    expect(again.status).toBe(200);
    expect(again.headers.get('x-hubspot-ratelimit-remaining')).toBe('2');
    expect(s.log.rateLimited()).toBe(5);
  });

  it('changes the budget at run time through the portal', async () => {
    const s = await start({});
    s.portal.setRateLimit(2, 60_000);
    expect(s.portal.rateLimit()).toMatchObject({ max: 2, windowMs: 60_000 });
    await call('GET', LABELS);
    const second = await call('GET', LABELS);
    expect(second.headers.get('x-hubspot-ratelimit-max')).toBe('2');
    expect(second.headers.get('x-hubspot-ratelimit-interval-milliseconds')).toBe('60000');
    expect((await call('GET', LABELS)).status).toBe(429);
  });

  it('limits search per second with SECONDLY, no rate headers, and apart from the burst budget', async () => {
    const s = await start({ searchPerSecond: 2, rateLimit: 3 });
    const ok = await call('POST', SEARCH, {});
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-hubspot-ratelimit-remaining')).toBeNull();
    expect((await call('POST', SEARCH, {})).status).toBe(200);
    const refused = await call('POST', SEARCH, {});
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({
      policyName: 'SECONDLY',
      message: 'You have reached your secondly limit.',
    });
    expect(refused.headers.get('x-hubspot-ratelimit-remaining')).toBeNull();
    // Searches did not spend the burst budget.
    expect((await call('GET', LABELS)).headers.get('x-hubspot-ratelimit-remaining')).toBe('2');
    await new Promise((resolve) => setTimeout(resolve, 1050));
    expect((await call('POST', SEARCH, {})).status).toBe(200);
    expect(s.log.count((e) => e.status === 429 && e.operation.endsWith('/search'))).toBe(1);
  });

  it('enforces a daily budget with DAILY and daily headers', async () => {
    await start({ dailyLimit: 3 });
    const first = await call('GET', LABELS);
    expect(first.headers.get('x-hubspot-ratelimit-daily')).toBe('3');
    expect(first.headers.get('x-hubspot-ratelimit-daily-remaining')).toBe('2');
    await call('POST', SEARCH, {});
    await call('GET', LABELS);
    const refused = await call('GET', LABELS);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({
      policyName: 'DAILY',
      message: 'You have reached your daily limit.',
    });
    expect(refused.headers.get('x-hubspot-ratelimit-daily-remaining')).toBe('0');
    expect((await call('POST', SEARCH, {})).body.policyName).toBe('DAILY');
  });

  it('refuses nonsense options', async () => {
    await expect(startSandbox({ rateLimit: 0 })).rejects.toThrow(/rateLimit/);
    await expect(startSandbox({ windowMs: 1.5 })).rejects.toThrow(/windowMs/);
  });
});
