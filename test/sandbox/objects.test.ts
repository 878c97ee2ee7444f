import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('CRM objects v3', () => {
  const ctx = useSandbox({ sandbox: { seed: false } });

  it('creates a contact (201) with HubSpot’s record shape and stores it', async () => {
    const answer = await ctx.call('POST', '/crm/v3/objects/contacts', {
      properties: { email: 'Ada@Example.com', firstname: 'Ada', numemployees: 12 },
      associations: [],
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      id: expect.stringMatching(/^\d+$/),
      archived: false,
      createdAt: expect.stringMatching(ISO),
      updatedAt: expect.stringMatching(ISO),
      properties: {
        email: 'ada@example.com',
        firstname: 'Ada',
        numemployees: '12',
        createdate: expect.stringMatching(ISO),
      },
    });
    expect(answer.body.properties.hs_object_id).toBe(answer.body.id);
    expect(answer.body.properties.lastmodifieddate).toMatch(ISO);
    expect(ctx.sandbox.portal.getObject('contacts', answer.body.id)?.properties.firstname).toBe('Ada');
  });

  it('refuses a duplicate email with 409 naming the existing id, case-insensitively', async () => {
    const first = ctx.sandbox.portal.createObject('contacts', { email: 'dup@example.com' });
    const answer = await ctx.call('POST', '/crm/v3/objects/contacts', {
      properties: { email: 'DUP@example.com' },
    });
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({
      category: 'CONFLICT',
      message: `Contact already exists. Existing ID: ${first.id}`,
    });
    expect(ctx.sandbox.portal.countObjects('contacts')).toBe(1);
  });

  it('refuses unknown, read-only and malformed properties like HubSpot', async () => {
    const unknown = await ctx.call('POST', '/crm/v3/objects/contacts', {
      properties: { email: 'a@b.co', shoe_size: '9' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toMatch(/PROPERTY_DOESNT_EXIST/);
    expect(unknown.body.context.propertyName).toEqual(['shoe_size']);
    const badEmail = await ctx.call('POST', '/crm/v3/objects/contacts', {
      properties: { email: 'not-an-email' },
    });
    expect(badEmail.body.message).toMatch(/INVALID_EMAIL/);
    const noProperties = await ctx.call('POST', '/crm/v3/objects/contacts', {});
    expect(noProperties.body.message).toMatch(/Some required fields were not set: \[properties\]/);
    expect(ctx.sandbox.portal.countObjects('contacts')).toBe(0);
  });

  it('creates with associations by typeId, atomically', async () => {
    const company = ctx.sandbox.portal.createObject('companies', { name: 'Acme' });
    const answer = await ctx.call('POST', '/crm/v3/objects/contacts', {
      properties: { email: 'linked@example.com' },
      associations: [
        { to: { id: company.id }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 1 }] },
      ],
    });
    expect(answer.status).toBe(201);
    expect(
      ctx.sandbox.portal.associations('companies', company.id, 'contacts')[0]?.types.map((t) => t.typeId),
    ).toEqual([2, 280]);
    const bad = await ctx.call('POST', '/crm/v3/objects/contacts', {
      properties: { email: 'orphan@example.com' },
      associations: [
        { to: { id: '123' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 }] },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.context.INVALID_OBJECT_IDS).toEqual(['COMPANY=123 is not valid']);
    expect(ctx.sandbox.portal.countObjects('contacts')).toBe(1);
  });

  it('reads one record by id or by email, with asked-for properties (unset ones null)', async () => {
    const contact = ctx.sandbox.portal.createObject('contacts', {
      email: 'read@example.com',
      firstname: 'Grace',
    });
    const byId = await ctx.call('GET', `/crm/v3/objects/contacts/${contact.id}?properties=firstname,phone`);
    expect(byId.status).toBe(200);
    expect(byId.body.properties).toEqual({
      createdate: contact.properties.createdate,
      hs_object_id: contact.id,
      lastmodifieddate: contact.properties.lastmodifieddate,
      firstname: 'Grace',
      phone: null,
    });
    const byEmail = await ctx.call('GET', '/crm/v3/objects/contacts/READ@example.com?idProperty=email');
    expect(byEmail.body.id).toBe(contact.id);
    expect((await ctx.call('GET', '/crm/v3/objects/contacts/42')).status).toBe(404);
    expect((await ctx.call('GET', '/crm/v3/objects/companies/x?idProperty=domain')).status).toBe(400);
  });

  it('updates (PATCH) and archives (DELETE) a record', async () => {
    const contact = ctx.sandbox.portal.createObject('contacts', {
      email: 'patch@example.com',
      firstname: 'Old',
    });
    const patched = await ctx.call('PATCH', `/crm/v3/objects/contacts/${contact.id}`, {
      properties: { firstname: 'New', jobtitle: '' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.properties.firstname).toBe('New');
    expect(ctx.sandbox.portal.getObject('contacts', contact.id)?.properties.firstname).toBe('New');
    const other = ctx.sandbox.portal.createObject('contacts', { email: 'taken@example.com' });
    const clash = await ctx.call('PATCH', `/crm/v3/objects/contacts/${contact.id}`, {
      properties: { email: 'taken@example.com' },
    });
    expect(clash.status).toBe(409);
    expect(clash.body.message).toContain(other.id);

    expect((await ctx.call('DELETE', `/crm/v3/objects/contacts/${contact.id}`)).status).toBe(204);
    expect(ctx.sandbox.portal.getObject('contacts', contact.id)).toBeUndefined();
    expect((await ctx.call('GET', `/crm/v3/objects/contacts/${contact.id}`)).status).toBe(404);
    const archived = await ctx.call('GET', `/crm/v3/objects/contacts/${contact.id}?archived=true`);
    expect(archived.body).toMatchObject({ id: contact.id, archived: true });
    // The email is free again once its contact is archived.
    expect(
      (await ctx.call('POST', '/crm/v3/objects/contacts', { properties: { email: 'patch@example.com' } }))
        .status,
    ).toBe(201);
  });

  it('lists records in id order: limit default 10, max 100, after cursor', async () => {
    const created = ctx.sandbox.portal.createObjects('companies', 150, (i) => ({ name: `Co ${i}` }));
    const first = await ctx.call('GET', '/crm/v3/objects/companies');
    expect(first.body.results).toHaveLength(10);
    const ids: string[] = [];
    let after: string | undefined;
    do {
      const page = await ctx.call(
        'GET',
        `/crm/v3/objects/companies?limit=500&properties=name${after ? `&after=${after}` : ''}`,
      );
      expect(page.body.results.length).toBeLessThanOrEqual(100);
      ids.push(...page.body.results.map((r: { id: string }) => r.id));
      after = page.body.paging?.next?.after;
    } while (after);
    expect(ids).toEqual(created.map((c) => c.id));
  });

  it('batch reads (207 names the missing ids) and batch updates', async () => {
    const [a, b] = ctx.sandbox.portal.createObjects('contacts', 2, (i) => ({ email: `b${i}@example.com` }));
    const read = await ctx.call('POST', '/crm/v3/objects/contacts/batch/read', {
      inputs: [{ id: a!.id }, { id: '5' }, { id: b!.id }],
      properties: ['email'],
      propertiesWithHistory: [],
    });
    expect(read.status).toBe(207);
    expect(read.body.results.map((r: { id: string }) => r.id)).toEqual([a!.id, b!.id]);
    expect(read.body.errors[0]).toMatchObject({ category: 'OBJECT_NOT_FOUND', context: { ids: ['5'] } });
    const byEmail = await ctx.call('POST', '/crm/v3/objects/contacts/batch/read', {
      idProperty: 'email',
      inputs: [{ id: 'b1@example.com' }],
      properties: [],
      propertiesWithHistory: [],
    });
    expect(byEmail.status).toBe(200);
    expect(byEmail.body.results[0].id).toBe(b!.id);
    const tooMany = await ctx.call('POST', '/crm/v3/objects/contacts/batch/read', {
      inputs: Array.from({ length: 101 }, () => ({ id: a!.id })),
    });
    expect(tooMany.status).toBe(400);

    const update = await ctx.call('POST', '/crm/v3/objects/contacts/batch/update', {
      inputs: [{ id: a!.id, properties: { firstname: 'Batch' } }],
    });
    expect(update.status).toBe(200);
    expect(ctx.sandbox.portal.getObject('contacts', a!.id)?.properties.firstname).toBe('Batch');
  });

  it('batch create: one bad input fails the whole batch unless every input carries objectWriteTraceId', async () => {
    ctx.sandbox.portal.createObject('contacts', { email: 'exists@example.com' });
    const inputs = [
      { properties: { email: 'new1@example.com' }, associations: [] },
      { properties: { email: 'exists@example.com' }, associations: [] },
    ];
    const atomic = await ctx.call('POST', '/crm/v3/objects/contacts/batch/create', { inputs });
    expect(atomic.status).toBe(409);
    expect(ctx.sandbox.portal.countObjects('contacts')).toBe(1);

    const traced = await ctx.call('POST', '/crm/v3/objects/contacts/batch/create', {
      inputs: inputs.map((input, i) => ({ ...input, objectWriteTraceId: `trace-${i}` })),
    });
    expect(traced.status).toBe(207);
    expect(traced.body.results.map((r: { properties: { email: string } }) => r.properties.email)).toEqual([
      'new1@example.com',
    ]);
    expect(traced.body.errors[0].context.objectWriteTraceId).toEqual(['trace-1']);
    expect(ctx.sandbox.portal.countObjects('contacts')).toBe(2);

    const clean = await ctx.call('POST', '/crm/v3/objects/contacts/batch/create', {
      inputs: [{ properties: { email: 'new2@example.com' }, associations: [] }],
    });
    expect(clean.status).toBe(201);
  });

  it('batch upserts contacts by email, saying which records are new', async () => {
    const existing = ctx.sandbox.portal.createObject('contacts', {
      email: 'known@example.com',
      firstname: 'Old',
    });
    const answer = await ctx.call('POST', '/crm/v3/objects/contacts/batch/upsert', {
      inputs: [
        { id: 'known@example.com', idProperty: 'email', properties: { firstname: 'Updated' } },
        { id: 'fresh@example.com', idProperty: 'email', properties: { firstname: 'Fresh' } },
      ],
    });
    expect(answer.status).toBe(200);
    const byEmail = Object.fromEntries(
      answer.body.results.map((r: { properties: { email: string }; new: boolean; id: string }) => [
        r.properties.email,
        r,
      ]),
    );
    expect(byEmail['known@example.com']).toMatchObject({ id: existing.id, new: false });
    expect(byEmail['fresh@example.com']).toMatchObject({ new: true });
    expect(ctx.sandbox.portal.getObject('contacts', existing.id)?.properties.firstname).toBe('Updated');
    expect(ctx.sandbox.portal.countObjects('contacts')).toBe(2);

    const again = await ctx.call('POST', '/crm/v3/objects/contacts/batch/upsert', {
      inputs: [{ id: 'fresh@example.com', idProperty: 'email', properties: { lastname: 'Twice' } }],
    });
    expect(again.body.results[0].new).toBe(false);
    expect(ctx.sandbox.portal.countObjects('contacts')).toBe(2);

    const duplicates = await ctx.call('POST', '/crm/v3/objects/contacts/batch/upsert', {
      inputs: [
        { id: 'x@example.com', idProperty: 'email', properties: {} },
        { id: 'x@example.com', idProperty: 'email', properties: {} },
      ],
    });
    expect(duplicates.status).toBe(400);
    const companies = await ctx.call('POST', '/crm/v3/objects/companies/batch/upsert', {
      inputs: [{ id: 'acme.com', idProperty: 'domain', properties: { name: 'Acme' } }],
    });
    expect(companies.status).toBe(400);
    expect(companies.body.message).toMatch(/not a unique identifier property/);
  });

  it('batch archives records and their associations (204)', async () => {
    const company = ctx.sandbox.portal.createObject('companies', { name: 'Gone' });
    const contact = ctx.sandbox.portal.createObject('contacts', { email: 'stay@example.com' });
    ctx.sandbox.portal.associate('contacts', contact.id, 'companies', company.id);
    const answer = await ctx.call('POST', '/crm/v3/objects/companies/batch/archive', {
      inputs: [{ id: company.id }],
    });
    expect(answer.status).toBe(204);
    expect(ctx.sandbox.portal.countObjects('companies')).toBe(0);
    expect(ctx.sandbox.portal.associations('contacts', contact.id, 'companies')).toEqual([]);
  });
});
