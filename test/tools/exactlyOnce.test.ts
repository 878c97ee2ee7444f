import type { Sandbox } from 'hubspot-sandbox';
import { describe, expect, it } from 'vitest';
import { callTool, useSandboxServer } from '../helpers/mcp.js';

const CREATE_RECORD = 'POST /crm/objects/2026-03/{objectType}';
const CREATE_LABEL = 'POST /crm/associations/2026-03/{fromObjectType}/{toObjectType}/labels';
const creates = (sandbox: Sandbox, type: string) =>
  sandbox.log.count((e) => e.method === 'POST' && e.path === `/crm/objects/2026-03/${type}`);

/**
 * Creates whose answers are lost: the record or label exists once, and the tool says so. The portal
 * has a search lag, as HubSpot does, so a retry cannot simply search for what it made.
 */
describe('exactly-once creates under ambiguous failures', () => {
  const ctx = useSandboxServer({
    sandbox: { seed: false, searchLagMs: 300, searchPerSecond: 50 },
    connect: {
      hubspot: { retry: { timeScale: 0.001, baseDelayMs: 10 } },
      // Re-check search for longer than the portal's lag before concluding a create never landed.
      records: { settleMs: 1_000, pollMs: 100 },
    },
  });
  const pair = (email: string, domain: string) =>
    callTool(ctx.mcp.client, 'create_contact_company_pair', {
      contact: { email },
      company: { name: `Co ${domain}`, domain },
    });
  const companies = (domain: string) =>
    ctx.sandbox.portal.findObjects('companies', (o) => o.properties.domain === domain);

  it('a company create committed but answered with a reset is found, not made twice', async () => {
    ctx.sandbox.faults.inject({
      status: 0,
      commitThenFail: true,
      match: (method, path) => method === 'POST' && path === '/crm/objects/2026-03/companies',
    });
    const out = await pair('ada@lost.example', 'lost.example');
    expect(out.isError).toBe(false);
    expect(companies('lost.example')).toHaveLength(1);
    expect(out.data.company).toMatchObject({ id: companies('lost.example')[0]!.id, status: 'created' });
    expect(creates(ctx.sandbox, 'companies')).toBe(1);
    // The agent's retry (before or after the index caught up) finds the same company.
    const again = await pair('ada@lost.example', 'lost.example');
    expect(again.data.company).toMatchObject({ id: out.data.company.id, status: 'found' });
    expect(companies('lost.example')).toHaveLength(1);
  });

  it('a company create that never landed is made once the search shows it is missing', async () => {
    ctx.sandbox.faults.inject({
      status: 503,
      match: (method, path) => method === 'POST' && path === '/crm/objects/2026-03/companies',
    });
    const out = await pair('bob@never.example', 'never.example');
    expect(out.isError).toBe(false);
    expect(out.data.company.status).toBe('created');
    expect(companies('never.example')).toHaveLength(1);
    expect(creates(ctx.sandbox, 'companies')).toBe(2);
  });

  it('a contact create answered with resets is repeated, and its duplicate-email 409 counts as found', async () => {
    ctx.sandbox.faults.inject({
      status: 0,
      commitThenFail: true,
      match: (method, path) => method === 'POST' && path === '/crm/objects/2026-03/contacts',
    });
    ctx.sandbox.faults.inject({
      status: 0,
      times: 2,
      match: (method, path) => method === 'POST' && path === '/crm/objects/2026-03/contacts',
    });
    const out = await pair('cy@reset.example', 'reset.example');
    expect(out.isError).toBe(false);
    const contacts = ctx.sandbox.portal.findObjects(
      'contacts',
      (o) => o.properties.email === 'cy@reset.example',
    );
    expect(contacts).toHaveLength(1);
    expect(out.data.contact.id).toBe(contacts[0]!.id);
    expect(creates(ctx.sandbox, 'contacts')).toBe(4);
  });

  it('three agent retries that each meet resets leave exactly one linked pair', async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      ctx.sandbox.faults.inject({ status: 0, times: 4, match: CREATE_RECORD });
      await pair('dee@retry.example', 'retry.example');
    }
    const final = await pair('dee@retry.example', 'retry.example');
    expect(final.isError).toBe(false);
    const contact = ctx.sandbox.portal.findObjects(
      'contacts',
      (o) => o.properties.email === 'dee@retry.example',
    );
    expect(contact).toHaveLength(1);
    expect(companies('retry.example')).toHaveLength(1);
    expect(
      ctx.sandbox.portal.associations('contacts', contact[0]!.id, 'companies').map((a) => a.toObjectId),
    ).toEqual([companies('retry.example')[0]!.id]);
  });

  it('a label create whose answer was lost is reported created once; a repeat finds it', async () => {
    ctx.sandbox.faults.inject({ status: 502, commitThenFail: true, match: CREATE_LABEL });
    const args = {
      fromObjectType: 'contacts',
      toObjectType: 'companies',
      label: 'Reseller',
      inverseLabel: 'Resold by',
    };
    const out = await callTool(ctx.mcp.client, 'create_association_label', args);
    expect(out.isError).toBe(false);
    expect(out.data).toMatchObject({
      created: true,
      type: { label: 'Reseller' },
      inverseType: { label: 'Resold by' },
    });
    const again = await callTool(ctx.mcp.client, 'create_association_label', args);
    expect(again.data).toMatchObject({ created: false, type: { typeId: out.data.type.typeId } });
    expect(
      ctx.sandbox.portal.labels('contacts', 'companies').filter((t) => t.label === 'Reseller'),
    ).toHaveLength(1);
  });

  it('a label someone else made after our list was cached: the 409 is settled as found', async () => {
    const args = { fromObjectType: 'contacts', toObjectType: 'companies', label: 'Partner', name: 'partner' };
    await callTool(ctx.mcp.client, 'list_association_labels', {
      fromObjectType: 'contacts',
      toObjectType: 'companies',
    });
    ctx.sandbox.portal.createLabel('contacts', 'companies', { label: 'Partner', name: 'partner' });
    const out = await callTool(ctx.mcp.client, 'create_association_label', args);
    expect(out.isError).toBe(false);
    expect(out.data).toMatchObject({ created: false, type: { label: 'Partner' } });
  });
});
