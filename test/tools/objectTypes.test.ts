import { describe, expect, it } from 'vitest';
import { callTool, useSandboxServer } from '../helpers/mcp.js';

const PROJECTS = '2-3508467'; // the sandbox's seeded custom object ("projects")

describe('list_object_types and custom objects through every kind of tool', () => {
  const ctx = useSandboxServer({ sandbox: { seed: true, searchPerSecond: 100 } });
  const call = (tool: string, args: Record<string, unknown>) => callTool(ctx.mcp.client, tool, args);

  it('lists the standard types and the portal custom object, read from the schemas API', async () => {
    const out = await call('list_object_types', {});
    expect(out.isError).toBe(false);
    const byId = new Map(out.data.objectTypes.map((t: { objectTypeId: string }) => [t.objectTypeId, t]));
    expect(byId.get('0-1')).toMatchObject({ name: 'contacts', custom: false });
    expect(byId.get('0-2')).toMatchObject({
      name: 'companies',
      primaryDisplayProperty: 'name',
      custom: false,
    });
    expect(byId.get(PROJECTS)).toMatchObject({
      name: PROJECTS,
      custom: true,
      primaryDisplayProperty: 'name',
    });
    expect(out.text).toMatch(/1 custom: .*\(2-3508467\)/);
    expect(ctx.sandbox.log.count((e) => e.path.startsWith('/crm-object-schemas/2026-03/schemas'))).toBe(1);
  });

  it('finds, links, reads, unlinks and exports custom object records by their type id', async () => {
    const found = await call('find_records', { objectType: PROJECTS, query: 'a', properties: ['name'] });
    expect(found.isError, found.text).toBe(false);
    const projects = ctx.sandbox.portal.findObjects(PROJECTS);
    expect(projects.length).toBeGreaterThan(0);
    const project = projects[0]!.id;
    const contact = ctx.sandbox.portal.createObject('contacts', { email: 'pm@example.com' }).id;

    const linked = await call('associate_records', {
      fromObjectType: PROJECTS,
      toObjectType: 'contacts',
      pairs: [{ fromId: project, toId: contact }],
    });
    expect(linked.isError, linked.text).toBe(false);
    expect(linked.data.counts).toEqual({ associated: 1 });
    expect(ctx.sandbox.portal.associations(PROJECTS, project, 'contacts').map((a) => a.toObjectId)).toContain(
      contact,
    );

    const listed = await call('list_associations', {
      objectType: PROJECTS,
      objectIds: [project],
      toObjectType: 'contacts',
    });
    expect(JSON.stringify(listed.data)).toContain(contact);
    const labels = await call('list_association_labels', {
      fromObjectType: PROJECTS,
      toObjectType: 'contacts',
    });
    expect(labels.data.types.length).toBeGreaterThan(0);

    const removed = await call('remove_associations', {
      fromObjectType: PROJECTS,
      toObjectType: 'contacts',
      pairs: [{ fromId: project, toId: contact }],
    });
    expect(removed.data.results[0].status).toBe('removed');

    const exported = await call('export_crm_data', { objectTypes: [PROJECTS], properties: ['name'] });
    expect(exported.isError, exported.text).toBe(false);
  });

  it('an unknown object type fails naming the field, known types, and where custom ones are listed', async () => {
    const out = await call('list_associations', {
      objectType: 'widgets',
      objectIds: ['1'],
      toObjectType: 'contacts',
    });
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(/objectType: unknown object type "widgets"/);
    expect(out.text).toMatch(/contacts, companies, deals/);
    expect(out.text).toMatch(/list_object_types lists them/);
  });
});
