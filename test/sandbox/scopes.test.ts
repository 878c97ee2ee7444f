/**
 * A token limited to some scopes (startSandbox({ scopes }), `sandbox --scopes`): HubSpot's 403
 * MISSING_SCOPES naming the scope (docs/hubspot-api.md §10), accepted scopes as the specs'
 * `security` sections give them (spec/hubspot-openapi).
 */
import { type Sandbox, startSandbox } from 'hubspot-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type Call, caller } from './helpers.js';

const V = '/crm/objects/2026-03';

describe('sandbox token scopes', () => {
  let sandbox: Sandbox;
  let call: Call;
  beforeAll(async () => {
    sandbox = await startSandbox({ scopes: ['crm.objects.contacts.read'] });
    call = caller(sandbox);
  });
  afterAll(() => sandbox.close());

  it('admits what a granted scope covers, and what needs none', async () => {
    expect((await call('GET', `${V}/contacts?limit=1`)).status).toBe(200);
    expect((await call('POST', `${V}/contacts/search`, { filterGroups: [], limit: 1 })).status).toBe(200);
    // Association labels accept any CRM object scope (the spec lists 80 alternatives).
    expect((await call('GET', '/crm/associations/2026-03/contacts/companies/labels')).status).toBe(200);
    expect((await call('GET', '/account-info/2026-03/details')).status).toBe(200);
  });

  it('refuses the rest with 403 MISSING_SCOPES naming the scope to add', async () => {
    const write = await call('POST', `${V}/contacts`, {
      properties: { email: 'x@example.com' },
      associations: [],
    });
    expect(write.status).toBe(403);
    expect(write.body).toMatchObject({
      status: 'error',
      category: 'MISSING_SCOPES',
      errors: [{ context: { requiredGranularScopes: ['crm.objects.contacts.write'] } }],
    });
    const companies = await call('GET', `${V}/companies?limit=1`);
    expect(companies.body.errors[0].context.requiredGranularScopes).toEqual(['crm.objects.companies.read']);
    const schemas = await call('GET', '/crm-object-schemas/2026-03/schemas');
    expect(schemas.body.errors[0].context.requiredGranularScopes).toEqual(['crm.schemas.custom.read']);
    expect(sandbox.portal.findObjects('contacts').some((c) => c.properties.email === 'x@example.com')).toBe(
      false,
    );
  });

  it('`sandbox --scopes` passes the list through', () => {
    const config = loadConfig(
      ['sandbox', '--scopes', 'crm.objects.contacts.read,crm.schemas.custom.read'],
      {},
    );
    expect(config.sandboxServer.scopes).toEqual(['crm.objects.contacts.read', 'crm.schemas.custom.read']);
  });
});
