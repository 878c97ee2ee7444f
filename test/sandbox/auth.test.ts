import { startSandbox } from 'hubspot-sandbox';
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { UUID } from './helpers.js';

describe('sandbox front door', () => {
  const ctx = useSandbox({ sandbox: { token: 'pat-test-token' }, each: false });

  it('listens on loopback and reports its token', () => {
    expect(ctx.sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(ctx.sandbox.url.endsWith(String(ctx.sandbox.port))).toBe(true);
    expect(ctx.sandbox.token).toBe('pat-test-token');
  });

  it.each([
    ['no Authorization header', null],
    ['a wrong token', 'not-the-token'],
  ])(
    'answers 401 with HubSpot’s body for %s, without rate headers, and changes nothing',
    async (_, token) => {
      const before = ctx.sandbox.portal.countObjects('contacts');
      const answer = await ctx.call(
        'POST',
        '/crm/v3/objects/contacts',
        { properties: { email: 'x@example.com' } },
        token,
      );
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({
        status: 'error',
        category: 'INVALID_AUTHENTICATION',
        message: expect.stringMatching(
          /^Authentication credentials not found\. This API supports OAuth 2\.0/,
        ),
      });
      expect(answer.body.correlationId).toMatch(UUID);
      expect(answer.headers.get('x-hubspot-correlation-id')).toBe(answer.body.correlationId);
      expect(answer.headers.get('x-hubspot-ratelimit-remaining')).toBeNull();
      expect(ctx.sandbox.portal.countObjects('contacts')).toBe(before);
    },
  );

  it('accepts names, plurals and ids for object types and rejects unknown ones like HubSpot', async () => {
    const byName = await ctx.call('GET', '/crm/associations/v4/contact/company/labels');
    const byId = await ctx.call('GET', '/crm/associations/v4/0-1/0-2/labels');
    expect(byName.status).toBe(200);
    expect(byId.body).toEqual(byName.body);
    const unknown = await ctx.call('GET', '/crm/associations/v4/xyz/companies/labels');
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({
      status: 'error',
      category: 'VALIDATION_ERROR',
      message: 'Unable to infer object type from: xyz',
    });
  });

  it('answers unknown paths with 404 and wrong methods with 405, both HubSpot-shaped', async () => {
    const missing = await ctx.call('GET', '/crm/v9/nothing');
    expect(missing.status).toBe(404);
    expect(missing.body.correlationId).toMatch(UUID);
    const wrongMethod = await ctx.call('PATCH', '/crm/associations/v4/contacts/companies/labels', {});
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.body.message).toMatch(/GET|POST|PUT/);
  });

  it('answers malformed and missing JSON bodies with HubSpot’s VALIDATION_ERROR wording', async () => {
    const contact = ctx.sandbox.portal.findObjects('contacts')[0]!;
    const company = ctx.sandbox.portal.findObjects('companies')[0]!;
    const path = `/crm/v4/objects/contacts/${contact.id}/associations/companies/${company.id}`;
    const none = await ctx.call('PUT', path);
    expect(none.status).toBe(400);
    expect(none.body.message).toBe('Invalid JSON input: a request body was expected, but none found');
    const broken = await ctx.call('PUT', path, '[{"associationCategory": ');
    expect(broken.status).toBe(400);
    expect(broken.body.message).toMatch(/^Invalid input JSON on line 1, column \d+/);
    const incomplete = await ctx.call('PUT', path, [{ associationCategory: 'HUBSPOT_DEFINED' }]);
    expect(incomplete.status).toBe(400);
    expect(incomplete.body).toMatchObject({
      category: 'VALIDATION_ERROR',
      message: expect.stringMatching(/Some required fields were not set: \[associationTypeId\]$/),
    });
  });

  it('puts a fresh correlation id on every answer', async () => {
    const a = await ctx.call('GET', '/crm/associations/v4/contacts/companies/labels');
    const b = await ctx.call('GET', '/crm/associations/v4/contacts/companies/labels');
    expect(a.headers.get('x-hubspot-correlation-id')).toMatch(UUID);
    expect(a.headers.get('x-hubspot-correlation-id')).not.toBe(b.headers.get('x-hubspot-correlation-id'));
  });

  it('keeps portals apart: two sandboxes share no state', async () => {
    const other = await startSandbox({ seed: false });
    try {
      expect(other.portal.countObjects('contacts')).toBe(0);
      other.portal.createObject('contacts', { email: 'only-here@example.com' });
      expect(
        ctx.sandbox.portal.findObjects('contacts', (c) => c.properties.email === 'only-here@example.com'),
      ).toEqual([]);
    } finally {
      await other.close();
    }
  });
});
