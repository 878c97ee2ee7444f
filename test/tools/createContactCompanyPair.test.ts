import type { Sandbox } from 'hubspot-sandbox';
import { describe, expect, it } from 'vitest';
import { callTool, useSandboxServer } from '../helpers/mcp.js';

const creates = (sandbox: Sandbox) =>
  sandbox.log.count((e) => e.method === 'POST' && /^\/crm\/objects\/2026-03\/[^/?]+$/.test(e.path));

describe('create_contact_company_pair', () => {
  const ctx = useSandboxServer({ sandbox: { seed: false } });

  const pair = (args: Record<string, unknown>) =>
    callTool(ctx.mcp.client, 'create_contact_company_pair', args);
  const typeIds = (contactId: string, companyId: string) =>
    (
      ctx.sandbox.portal
        .associations('contacts', contactId, 'companies')
        .find((a) => a.toObjectId === companyId)?.types ?? []
    )
      .map((t) => t.typeId)
      .sort((a, b) => a - b);

  it('creates both and links them; a second call finds both and duplicates nothing', async () => {
    const args = {
      contact: { email: 'Ada@Engines.example', firstname: 'Ada', properties: { jobtitle: 'CTO' } },
      company: { name: 'Analytical Engines', domain: 'engines.example', properties: { city: 'London' } },
    };
    const first = await pair(args);
    expect(first.isError).toBe(false);
    expect(first.data.contact).toMatchObject({ status: 'created' });
    expect(first.data.company).toMatchObject({ status: 'created', matchedBy: 'domain' });
    expect(first.data.association).toEqual({ typeIds: [279], labels: [] });
    const contact = ctx.sandbox.portal.getObject('contacts', first.data.contact.id)!;
    expect(contact.properties).toMatchObject({
      email: 'ada@engines.example',
      firstname: 'Ada',
      jobtitle: 'CTO',
    });
    const company = ctx.sandbox.portal.getObject('companies', first.data.company.id)!;
    expect(company.properties).toMatchObject({
      name: 'Analytical Engines',
      domain: 'engines.example',
      city: 'London',
    });
    expect(typeIds(contact.id, company.id)).toEqual([279]);
    expect(creates(ctx.sandbox)).toBe(2);

    const second = await pair(args);
    expect(second.data.contact).toMatchObject({ id: contact.id, status: 'found' });
    expect(second.data.company).toMatchObject({ id: company.id, status: 'found' });
    expect(creates(ctx.sandbox)).toBe(2);
    expect(ctx.sandbox.portal.countObjects('contacts')).toBe(1);
    expect(ctx.sandbox.portal.countObjects('companies')).toBe(1);
    expect(typeIds(contact.id, company.id)).toEqual([279]);
  });

  it('finds a company by name when no domain is given and creates only the contact', async () => {
    const existing = ctx.sandbox.portal.createObject('companies', { name: 'Difference Engines' });
    const result = await pair({
      contact: { email: 'charles@example.com' },
      company: { name: 'Difference Engines' },
    });
    expect(result.data.company).toEqual({ id: existing.id, status: 'found', matchedBy: 'name' });
    expect(result.data.contact.status).toBe('created');
    expect(ctx.sandbox.portal.countObjects('companies')).toBe(1);
    expect(creates(ctx.sandbox)).toBe(1);
    expect(typeIds(result.data.contact.id, existing.id)).toEqual([279]);
  });

  it('writes a label (Primary) with the unlabeled type and keeps labels already on the pair', async () => {
    const contact = ctx.sandbox.portal.createObject('contacts', { email: 'grace@navy.example' });
    const company = ctx.sandbox.portal.createObject('companies', { name: 'Navy', domain: 'navy.example' });
    ctx.sandbox.portal.associate('contacts', contact.id, 'companies', company.id, [931]); // Billing contact
    const result = await pair({
      contact: { email: 'grace@navy.example' },
      company: { name: 'Navy', domain: 'navy.example' },
      label: 'primary',
    });
    expect(result.data.contact.status).toBe('found');
    expect(result.data.company.status).toBe('found');
    expect(result.data.association).toEqual({
      typeIds: [1, 279, 931],
      labels: ['Primary', 'Billing contact'],
    });
    expect(typeIds(contact.id, company.id)).toEqual([1, 279, 931]);
    expect(result.text).toContain('as Primary');

    // Repeating the call finds the label in place and writes nothing.
    const writes = ctx.sandbox.log.count('batch/create');
    const again = await pair({
      contact: { email: 'grace@navy.example' },
      company: { name: 'Navy', domain: 'navy.example' },
      label: 'Primary',
    });
    expect(again.data.association.typeIds).toEqual([1, 279, 931]);
    expect(ctx.sandbox.log.count('batch/create')).toBe(writes);
    expect(typeIds(contact.id, company.id)).toEqual([1, 279, 931]);
  });

  it('creates both records with a label on the first call', async () => {
    const result = await pair({
      contact: { email: 'new@fresh.example', lastname: 'New' },
      company: { name: 'Fresh', domain: 'fresh.example' },
      label: 'Primary',
    });
    expect(result.data.association).toEqual({ typeIds: [1, 279], labels: ['Primary'] });
    expect(typeIds(result.data.contact.id, result.data.company.id)).toEqual([1, 279]);
    // Nothing to keep on a pair with a new record: no read of existing associations.
    expect(
      ctx.sandbox.log.count((e) => e.method === 'GET' && e.path.includes('/associations/companies')),
    ).toBe(0);
  });

  it('uses the oldest of several companies with the domain and says so', async () => {
    const oldest = ctx.sandbox.portal.createObject('companies', { name: 'Dup A', domain: 'dup.example' });
    const newer = ctx.sandbox.portal.createObject('companies', { name: 'Dup B', domain: 'dup.example' });
    const result = await pair({
      contact: { email: 'x@dup.example' },
      company: { name: 'Dup', domain: 'dup.example' },
    });
    expect(result.data.company).toMatchObject({ id: oldest.id, status: 'found', duplicateIds: [newer.id] });
    expect(result.text).toContain(`used the oldest (${oldest.id})`);
    expect(typeIds(result.data.contact.id, oldest.id)).toEqual([279]);
    expect(typeIds(result.data.contact.id, newer.id)).toEqual([]);
  });

  it('counts a contact that appeared after the search (HubSpot 409 on create) as found', async () => {
    let raced = '';
    // Another writer creates the contact just as ours arrives (what search lag looks like in HubSpot).
    ctx.sandbox.faults.inject({
      status: 500,
      match: (method, path) => {
        if (method === 'POST' && /^\/crm\/objects\/2026-03\/(contacts|0-1)$/.test(path) && !raced) {
          raced = ctx.sandbox.portal.createObject('contacts', { email: 'late@example.com' }).id;
        }
        return false;
      },
    });
    const result = await pair({ contact: { email: 'late@example.com' }, company: { name: 'Late Co' } });
    expect(result.isError).toBe(false);
    expect(result.data.contact).toMatchObject({ id: raced, status: 'found' });
    expect(ctx.sandbox.portal.countObjects('contacts')).toBe(1);
    expect(typeIds(raced, result.data.company.id)).toEqual([279]);
  });

  it('rejects a bad email, a domain with a scheme or path, and an unknown label before writing', async () => {
    const email = await pair({ contact: { email: 'not-an-email' }, company: { name: 'X' } });
    expect(email.isError).toBe(true);
    expect(email.data.error.field).toBe('contact.email');

    const scheme = await pair({
      contact: { email: 'a@b.example' },
      company: { name: 'X', domain: 'https://b.example' },
    });
    expect(scheme.isError).toBe(true);
    expect(scheme.data.error.field).toBe('company.domain');
    expect(scheme.text).toContain('"b.example"');

    const path = await pair({
      contact: { email: 'a@b.example' },
      company: { name: 'X', domain: 'b.example/about' },
    });
    expect(path.data.error.field).toBe('company.domain');
    expect(path.text).toContain('path');

    const label = await pair({
      contact: { email: 'a@b.example' },
      company: { name: 'X' },
      label: 'Best friend',
    });
    expect(label.isError).toBe(true);
    expect(label.data.error.field).toBe('label');
    expect(label.text).toContain('Primary');

    const conflict = await pair({
      contact: { email: 'a@b.example', properties: { email: 'c@d.example' } },
      company: { name: 'X' },
    });
    expect(conflict.data.error.field).toBe('contact.properties.email');

    expect(ctx.sandbox.portal.countObjects('contacts')).toBe(0);
    expect(ctx.sandbox.portal.countObjects('companies')).toBe(0);
    expect(creates(ctx.sandbox)).toBe(0);
  });

  it('two contacts of one new company, in parallel: the company is created once', async () => {
    const company = { name: 'Parallel Inc', domain: 'parallel.example' };
    const [a, b] = await Promise.all([
      pair({ contact: { email: 'one@parallel.example' }, company }),
      pair({ contact: { email: 'two@parallel.example' }, company }),
    ]);
    expect([a.isError, b.isError]).toEqual([false, false]);
    expect(a.data.company.id).toBe(b.data.company.id);
    expect([a.data.company.status, b.data.company.status].sort()).toEqual(['created', 'found']);
    expect(
      ctx.sandbox.portal.findObjects('companies', (c) => c.properties.domain === 'parallel.example'),
    ).toHaveLength(1);
    for (const out of [a, b]) expect(typeIds(out.data.contact.id, out.data.company.id)).toEqual([279]);
  });

  it('a repeat before HubSpot search shows the new company finds it, not a second one', async () => {
    const args = {
      contact: { email: 'lag@lagging.example' },
      company: { name: 'Lagging Ltd', domain: 'lagging.example' },
    };
    const first = await pair(args);
    expect(first.data.company.status).toBe('created');
    // Search answers as HubSpot's index does in the seconds after a write: nothing yet.
    ctx.sandbox.faults.inject({
      status: 200,
      times: 2,
      match: 'POST /crm/objects/2026-03/{objectType}/search',
      body: { total: 0, results: [] },
    });
    const second = await pair(args);
    expect(second.isError).toBe(false);
    expect(second.data.company).toMatchObject({ id: first.data.company.id, status: 'found' });
    expect(second.data.contact).toMatchObject({ id: first.data.contact.id, status: 'found' });
    expect(
      ctx.sandbox.portal.findObjects('companies', (c) => c.properties.domain === 'lagging.example'),
    ).toHaveLength(1);
    expect(
      ctx.sandbox.portal.findObjects('contacts', (c) => c.properties.email === 'lag@lagging.example'),
    ).toHaveLength(1);
  });
});
