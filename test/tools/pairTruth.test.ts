import { beforeEach, describe, expect, it } from 'vitest';
import { callTool, useSandboxServer } from '../helpers/mcp.js';

const CREATE = 'POST /crm/associations/2026-03/{fromObjectType}/{toObjectType}/batch/create';
const ARCHIVE = 'POST /crm/associations/2026-03/{fromObjectType}/{toObjectType}/batch/archive';

/** Every reported status must be what the portal holds afterwards, pair by pair. */
describe('per-pair truth: tool results match the portal', () => {
  const ctx = useSandboxServer({
    sandbox: { seed: false },
    connect: { hubspot: { retry: { timeScale: 0.001, baseDelayMs: 10 } } },
  });
  let contacts: string[];
  let company: string;
  beforeEach(() => {
    contacts = ctx.sandbox.portal.createObjects('contacts', 3).map((o) => o.id);
    company = ctx.sandbox.portal.createObject('companies', { name: 'Acme', domain: 'acme.example' }).id;
  });

  const typeIds = (fromId: string, toId: string) =>
    (
      ctx.sandbox.portal.associations('contacts', fromId, 'companies').find((a) => a.toObjectId === toId)
        ?.types ?? []
    )
      .map((t) => t.typeId)
      .sort((a, b) => a - b);
  const call = (tool: string, args: Record<string, unknown>) =>
    callTool(ctx.mcp.client, tool, { fromObjectType: 'contacts', toObjectType: 'companies', ...args });

  it('a limit reached mid-batch fails only the pair the portal refused', async () => {
    const label = await call('create_association_label', {
      label: 'Manager',
      inverseLabel: 'Managed company',
    });
    // The company side may hold 2 managers: HubSpot's error names the shared company id.
    await callTool(ctx.mcp.client, 'set_association_limit', {
      fromObjectType: 'companies',
      toObjectType: 'contacts',
      associationTypeId: label.data.inverseType.typeId,
      maxToObjectIds: 2,
    });
    const out = await call('associate_records', {
      pairs: contacts.map((fromId) => ({ fromId, toId: company })),
      label: 'Manager',
    });
    expect(out.data.counts).toEqual({ associated: 2, failed: 1 });
    for (const r of out.data.results) {
      const held = typeIds(r.fromId, company).includes(label.data.type.typeId);
      expect(held).toBe(r.status === 'associated');
    }
    expect(out.data.failures[0].error).toMatch(/limit/i);
  });

  it('mixed valid and invalid ids: each pair reported as the portal holds it', async () => {
    const pairs = [
      { fromId: contacts[0], toId: company },
      { fromId: '99999999999', toId: company },
      { fromId: contacts[1], toId: '88888888888' },
      { fromId: contacts[2], toId: company },
    ];
    const out = await call('associate_records', { pairs });
    expect(out.data.results.map((r: { status: string }) => r.status)).toEqual([
      'associated',
      'failed',
      'failed',
      'associated',
    ]);
    expect(typeIds(contacts[0]!, company)).toEqual([279]);
    expect(typeIds(contacts[2]!, company)).toEqual([279]);
    expect(ctx.sandbox.portal.associations('contacts', contacts[1]!, 'companies')).toEqual([]);
    expect(out.data.failures[0].error).toMatch(/Fix: /);
  });

  it('a labeled write whose every answer was lost after it committed is reported associated', async () => {
    // Four attempts, all answered with a fault; the first one committed.
    ctx.sandbox.faults.inject({ status: 502, commitThenFail: true, match: CREATE });
    ctx.sandbox.faults.inject({ status: 502, times: 3, match: CREATE });
    const out = await call('associate_records', {
      pairs: contacts.map((fromId) => ({ fromId, toId: company })),
      label: 'Primary',
    });
    expect(out.isError).toBe(false);
    expect(out.data.counts).toEqual({ associated: 3 });
    for (const c of contacts) expect(typeIds(c, company)).toEqual([1, 279]);
  });

  it('the same writes that never committed are reported failed, with the cause', async () => {
    ctx.sandbox.faults.inject({ status: 502, times: 4, match: CREATE });
    const out = await call('associate_records', {
      pairs: contacts.map((fromId) => ({ fromId, toId: company })),
      label: 'Primary',
    });
    expect(out.isError).toBe(true);
    expect(out.data.counts).toEqual({ failed: 3 });
    for (const c of contacts) expect(typeIds(c, company)).toEqual([]);
  });

  it('remove says what it removed, and absent for no link, no such record, and a repeat', async () => {
    const other = ctx.sandbox.portal.createObject('companies', { name: 'Other' }).id;
    ctx.sandbox.portal.associate('contacts', contacts[0]!, 'companies', company, [1]);
    ctx.sandbox.portal.associate('contacts', contacts[1]!, 'companies', company);
    const pairs = [
      { fromId: contacts[0], toId: company },
      { fromId: contacts[1], toId: company },
      { fromId: contacts[2], toId: other }, // never linked
      { fromId: '99999999999', toId: company }, // no such contact
    ];
    const out = await call('remove_associations', { pairs });
    expect(out.data.results.map((r: { status: string }) => r.status)).toEqual([
      'removed',
      'removed',
      'absent',
      'absent',
    ]);
    expect(out.data.results[0].types.map((t: { typeId: number }) => t.typeId).sort()).toEqual([1, 279]);
    expect(out.data.results[1].types.map((t: { typeId: number }) => t.typeId)).toEqual([279]);
    expect(typeIds(contacts[0]!, company)).toEqual([]);
    expect(typeIds(contacts[1]!, company)).toEqual([]);

    const again = await call('remove_associations', { pairs });
    expect(again.data.counts).toEqual({ absent: 4 });
    expect(again.isError).toBe(false);
  });

  it('removing one label leaves the others and names only that type', async () => {
    ctx.sandbox.portal.associate('contacts', contacts[0]!, 'companies', company, [1]);
    ctx.sandbox.portal.associate('contacts', contacts[1]!, 'companies', company);
    const out = await call('remove_associations', {
      pairs: [
        { fromId: contacts[0], toId: company },
        { fromId: contacts[1], toId: company },
      ],
      label: 'Primary',
    });
    expect(out.data.results[0]).toMatchObject({ status: 'removed', types: [{ typeId: 1 }] });
    expect(out.data.results[1]).toEqual({ fromId: contacts[1], toId: company, status: 'absent' });
    expect(typeIds(contacts[0]!, company)).toEqual([279]);
    expect(typeIds(contacts[1]!, company)).toEqual([279]);
  });

  it('an archive whose answers were all lost after it committed is settled by reading back', async () => {
    for (const c of contacts) ctx.sandbox.portal.associate('contacts', c, 'companies', company);
    ctx.sandbox.faults.inject({ status: 0, commitThenFail: true, match: ARCHIVE });
    ctx.sandbox.faults.inject({ status: 0, times: 3, match: ARCHIVE });
    const out = await call('remove_associations', {
      pairs: contacts.map((fromId) => ({ fromId, toId: company })),
    });
    expect(out.data.counts).toEqual({ removed: 3 });
    for (const c of contacts) expect(typeIds(c, company)).toEqual([]);
  });
});
