import type { Sandbox } from 'hubspot-sandbox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Connected, callTool, connectInMemory, useSandboxServer } from '../helpers/mcp.js';
import { caller } from '../sandbox/helpers.js';

// Labels made, renamed and deleted outside the server: HubSpot's UI, the REST API, another replica.
const LABELS = '/crm/associations/2026-03/contacts/companies/labels';
/** Reads of the contact→company label list, the only request a label lookup sends. */
const labelReads = (sandbox: Sandbox) =>
  sandbox.log.count((e) => e.method === 'GET' && e.path.split('?')[0] === LABELS);
const typeIds = (sandbox: Sandbox, contact: string, company: string) =>
  (
    sandbox.portal.associations('contacts', contact, 'companies').find((a) => a.toObjectId === company)
      ?.types ?? []
  ).map((t) => t.typeId);
const forwardId = (sandbox: Sandbox, label: string) =>
  sandbox.portal.labels('contacts', 'companies').find((t) => t.label === label)?.typeId;

describe('labels changed outside this server', () => {
  const ctx = useSandboxServer({ sandbox: { seed: false } });
  let contact: string;
  let company: string;
  beforeEach(async () => {
    contact = ctx.sandbox.portal.createObject('contacts', { email: 'ada@example.com' }).id;
    company = ctx.sandbox.portal.createObject('companies', { name: 'Engines', domain: 'engines.example' }).id;
    // The server has read the pair's labels (its cache is warm) before anything changes elsewhere.
    const listed = await callTool(ctx.mcp.client, 'list_association_labels', {
      fromObjectType: 'contacts',
      toObjectType: 'companies',
    });
    expect(listed.isError).toBe(false);
  });
  const rest = (method: string, path: string, body?: unknown) => caller(ctx.sandbox)(method, path, body);
  const associate = (
    mcp: Connected,
    args: Record<string, unknown>,
    pairs = [{ fromId: contact, toId: company }],
  ) =>
    callTool(mcp.client, 'associate_records', {
      fromObjectType: 'contacts',
      toObjectType: 'companies',
      pairs,
      ...args,
    });

  it('a label created over the REST API after start is usable at once, for one extra read', async () => {
    expect((await rest('POST', LABELS, { label: 'Made elsewhere', name: 'made_elsewhere' })).status).toBe(
      200,
    );
    ctx.sandbox.log.reset();
    const out = await associate(ctx.mcp, { label: 'Made elsewhere' });
    expect(out.isError, out.text).toBe(false);
    expect(out.data.results[0].status).toBe('associated');
    expect(typeIds(ctx.sandbox, contact, company)).toContain(forwardId(ctx.sandbox, 'Made elsewhere'));
    expect(labelReads(ctx.sandbox)).toBe(1);
    // Known now: the next call reads nothing.
    ctx.sandbox.log.reset();
    expect((await associate(ctx.mcp, { label: 'made elsewhere' })).data.results[0].status).toBe('unchanged');
    expect(labelReads(ctx.sandbox)).toBe(0);
  });

  it('so is its typeId', async () => {
    await rest('POST', LABELS, { label: 'By id', name: 'by_id' });
    const id = forwardId(ctx.sandbox, 'By id');
    ctx.sandbox.log.reset();
    const out = await associate(ctx.mcp, { associationTypeId: id });
    expect(out.isError, out.text).toBe(false);
    expect(out.data.associationType).toMatchObject({ typeId: id, label: 'By id' });
    expect(labelReads(ctx.sandbox)).toBe(1);
  });

  it('many concurrent calls that miss share one read', async () => {
    await rest('POST', LABELS, { label: 'Burst', name: 'burst' });
    const companies = ctx.sandbox.portal.createObjects('companies', 25, (i) => ({ name: `Co ${i}` }));
    ctx.sandbox.log.reset();
    const outs = await Promise.all([
      ...companies.map((c) => associate(ctx.mcp, { label: 'Burst' }, [{ fromId: contact, toId: c.id }])),
      ...companies.map(() => associate(ctx.mcp, { label: 'No such label' })),
    ]);
    expect(outs.slice(0, 25).every((o) => !o.isError && o.data.results[0].status === 'associated')).toBe(
      true,
    );
    expect(outs.slice(25).every((o) => o.isError && o.text.includes('valid choices'))).toBe(true);
    expect(labelReads(ctx.sandbox)).toBe(1);
  });

  it('a truly unknown label still fails with the choices, after exactly one extra read', async () => {
    ctx.sandbox.log.reset();
    const out = await associate(ctx.mcp, { label: 'Nobody has this' });
    expect(out.isError).toBe(true);
    expect(out.text).toContain('label "Nobody has this" is not an association type of contacts→companies');
    expect(out.text).toContain('valid choices: "Primary" (typeId 1, HUBSPOT_DEFINED)');
    expect(labelReads(ctx.sandbox)).toBe(1);
    expect(ctx.sandbox.log.count((e) => e.method !== 'GET')).toBe(0);
    // An unknown typeId too.
    ctx.sandbox.log.reset();
    const byId = await associate(ctx.mcp, { associationTypeId: 987_654 });
    expect(byId.text).toContain('associationTypeId 987654 is not an association type');
    expect(labelReads(ctx.sandbox)).toBe(1);
  });

  it('a label renamed elsewhere resolves by its new name at once (the miss path)', async () => {
    await rest('POST', LABELS, { label: 'Old name', name: 'renamed_label' });
    const id = forwardId(ctx.sandbox, 'Old name');
    // Cached under its old name by this server.
    expect((await associate(ctx.mcp, { label: 'Old name' })).data.results[0].status).toBe('associated');
    expect((await rest('PUT', LABELS, { associationTypeId: id, label: 'New name' })).status).toBe(204);
    ctx.sandbox.log.reset();
    const out = await associate(ctx.mcp, { label: 'New name' });
    expect(out.isError, out.text).toBe(false);
    expect(out.data.associationType).toMatchObject({ typeId: id, label: 'New name' });
    expect(out.data.results[0].status).toBe('unchanged');
    expect(labelReads(ctx.sandbox)).toBe(1);
  });

  it('a typeId deleted elsewhere (HubSpot refuses it as unknown) is re-read once, then fails with the choices', async () => {
    await rest('POST', LABELS, { label: 'Doomed', name: 'doomed' });
    const id = forwardId(ctx.sandbox, 'Doomed') as number;
    // This server learns the label (a dry run writes nothing), then it is deleted elsewhere.
    expect((await associate(ctx.mcp, { label: 'Doomed', dryRun: true })).data.associationType.typeId).toBe(
      id,
    );
    expect((await rest('DELETE', `${LABELS}/${id}`)).status).toBe(204);
    ctx.sandbox.log.reset();
    // The cached list still offers it: HubSpot is asked, refuses it, and the list is read again.
    const out = await associate(ctx.mcp, { associationTypeId: id });
    expect(out.isError).toBe(true);
    expect(out.text).toContain(`associationTypeId ${id} is not an association type of contacts→companies`);
    expect(out.text).toContain('valid choices:');
    expect(out.text).not.toContain('"Doomed"');
    expect(labelReads(ctx.sandbox)).toBe(1);
    expect(ctx.sandbox.log.count((e) => e.path.endsWith('/batch/create'))).toBe(1);
    expect(typeIds(ctx.sandbox, contact, company)).toEqual([]);
  });

  it('a label deleted and made again elsewhere (a new typeId) is written with its new typeId', async () => {
    await rest('POST', LABELS, { label: 'Phoenix', name: 'phoenix' });
    const old = forwardId(ctx.sandbox, 'Phoenix') as number;
    expect((await associate(ctx.mcp, { label: 'Phoenix', dryRun: true })).data.associationType.typeId).toBe(
      old,
    );
    await rest('DELETE', `${LABELS}/${old}`);
    await rest('POST', LABELS, { label: 'Phoenix', name: 'phoenix_again' });
    const now = forwardId(ctx.sandbox, 'Phoenix') as number;
    expect(now).not.toBe(old);
    ctx.sandbox.log.reset();
    const out = await associate(ctx.mcp, { label: 'Phoenix' });
    expect(out.isError, out.text).toBe(false);
    expect(out.data.associationType).toMatchObject({ typeId: now, label: 'Phoenix' });
    expect(out.data.results[0].status).toBe('associated');
    expect(typeIds(ctx.sandbox, contact, company)).toContain(now);
    expect(labelReads(ctx.sandbox)).toBe(1);
    expect(ctx.sandbox.log.count((e) => e.path.endsWith('/batch/create'))).toBe(2);
  });
});

describe('two servers on one portal', () => {
  const ctx = useSandboxServer({ sandbox: { seed: false } });
  let other: Connected;
  beforeEach(async () => {
    other = await connectInMemory(ctx.sandbox);
  });
  afterEach(() => other.close());

  it('a label created through one is usable through the other', async () => {
    const contact = ctx.sandbox.portal.createObject('contacts', { email: 'ada@example.com' }).id;
    const company = ctx.sandbox.portal.createObject('companies', { name: 'Engines' }).id;
    const args = { fromObjectType: 'contacts', toObjectType: 'companies' };
    // The second server has the pair's labels cached before the first creates one.
    expect((await callTool(other.client, 'list_association_labels', args)).isError).toBe(false);
    const created = await callTool(ctx.mcp.client, 'create_association_label', { ...args, label: 'Partner' });
    expect(created.isError, created.text).toBe(false);
    ctx.sandbox.log.reset();
    const out = await callTool(other.client, 'associate_records', {
      ...args,
      label: 'Partner',
      pairs: [{ fromId: contact, toId: company }],
    });
    expect(out.isError, out.text).toBe(false);
    expect(out.data.associationType.typeId).toBe(created.data.type.typeId);
    expect(typeIds(ctx.sandbox, contact, company)).toContain(created.data.type.typeId);
    expect(labelReads(ctx.sandbox)).toBe(1);
  });
});

describe('the label cache age', () => {
  let clock = 1_000_000;
  const ctx = useSandboxServer({ sandbox: { seed: false }, connect: { labels: { now: () => clock } } });

  it('a rename made elsewhere shows once the cached list is 60 s old (default), not before', async () => {
    const args = { fromObjectType: 'contacts', toObjectType: 'companies' };
    const rest = caller(ctx.sandbox);
    await rest('POST', LABELS, { label: 'Before', name: 'aged' });
    const id = forwardId(ctx.sandbox, 'Before');
    const label = async () =>
      (await callTool(ctx.mcp.client, 'list_association_labels', args)).data.types.find(
        (t: { typeId: number }) => t.typeId === id,
      )?.label;
    expect(await label()).toBe('Before');
    await rest('PUT', LABELS, { associationTypeId: id, label: 'After' });
    ctx.sandbox.log.reset();
    clock += 59_999;
    expect(await label()).toBe('Before');
    expect(labelReads(ctx.sandbox)).toBe(0);
    clock += 1;
    expect(await label()).toBe('After');
    expect(labelReads(ctx.sandbox)).toBe(1);
    // The old name is gone now; the new one resolves without a further read.
    ctx.sandbox.log.reset();
    const contact = ctx.sandbox.portal.createObject('contacts', { email: 'ada@example.com' }).id;
    const company = ctx.sandbox.portal.createObject('companies', { name: 'Engines' }).id;
    const out = await callTool(ctx.mcp.client, 'associate_records', {
      ...args,
      label: 'After',
      pairs: [{ fromId: contact, toId: company }],
    });
    expect(out.data.associationType).toMatchObject({ typeId: id, label: 'After' });
    expect(labelReads(ctx.sandbox)).toBe(0);
  });
});
