import { describe, expect, it } from 'vitest';
import { callTool, useSandboxServer } from '../helpers/mcp.js';
import { linkSnapshot, writes } from './helpers.js';

describe('repair_associations refuses bad input clearly and writes nothing', () => {
  const ctx = useSandboxServer({ sandbox: { seed: false }, each: false });
  const repair = (args: Record<string, unknown>) => callTool(ctx.mcp.client, 'repair_associations', args);

  it.each([
    [{ fix: 'merge_everything' }, /fix/],
    [
      { fix: 'move_associations', objectType: 'contacts', fromRecordId: 'C', toRecordId: 'K' },
      /no contacts record|different types/,
    ],
    [
      { fix: 'move_associations', objectType: 'contacts', fromRecordId: 'C', toRecordId: 'C' },
      /toRecordId is fromRecordId itself/,
    ],
    [
      { fix: 'move_associations', objectType: 'contacts', fromRecordId: 'C', toRecordId: '999999999' },
      /no contacts record 999999999/,
    ],
    [
      { fix: 'move_associations', fromRecordId: 'C', toRecordId: 'C2' },
      /objectType is required for move_associations/,
    ],
    [
      {
        fix: 'move_associations',
        objectType: 'contacts',
        fromRecordId: 'C',
        toRecordId: 'C2',
        toObjectTypes: ['planets'],
      },
      /toObjectTypes\[0\]: unknown object type/,
    ],
    [{ fix: 'set_primary', objectType: 'companies' }, /companies have no Primary company/],
    [{ fix: 'set_primary', label: 'Primary' }, /label is for link_by_domain/],
    [{ fix: 'link_by_domain', fromRecordId: 'C' }, /fromRecordId is for move_associations/],
    [{ fix: 'link_by_domain', label: 'No such label' }, /label "No such label" is not an association type/],
  ])('%j', async (args, message) => {
    const p = ctx.sandbox.portal;
    const ids: Record<string, string> = {
      C: p.createObject('contacts', { email: `c${Math.random()}@x.example` }).id,
      C2: p.createObject('contacts', { email: `d${Math.random()}@x.example` }).id,
      K: p.createObject('companies', { name: 'K' }).id,
    };
    p.associate('contacts', ids.C as string, 'companies', ids.K as string);
    const filled = Object.fromEntries(
      Object.entries(args).map(([k, v]) => [k, typeof v === 'string' && ids[v] ? ids[v] : v]),
    );
    const before = linkSnapshot(ctx.sandbox);
    ctx.sandbox.log.reset();
    const out = await repair(filled);
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(message);
    expect(writes(ctx.sandbox)).toBe(0);
    expect(linkSnapshot(ctx.sandbox)).toEqual(before);
  });
});
