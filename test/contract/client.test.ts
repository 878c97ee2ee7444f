import { type Sandbox, startSandbox } from 'hubspot-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHubSpot, type HubSpot } from '../../src/hubspot/index.js';
import { resolveObjectType } from '../../src/hubspot/objectTypes.js';
import { type Connected, callTool, connectInMemory } from '../helpers/mcp.js';
import { startValidatingProxy, type ValidatingProxy } from './validatingProxy.js';

const contacts = resolveObjectType('contacts');
const companies = resolveObjectType('companies');

/**
 * Every request our client sends, and every answer the sandbox gives it, checked against HubSpot's
 * official OpenAPI specs by a proxy in between.
 */
describe.each(['2026-03', 'v4'] as const)(
  'client ↔ sandbox traffic (%s) conforms to the official specs',
  (apiVersion) => {
    let sandbox: Sandbox;
    let proxy: ValidatingProxy;
    let hubspot: HubSpot;
    let mcp: Connected;
    beforeAll(async () => {
      sandbox = await startSandbox({ seed: true, rateLimit: 10_000 });
      proxy = await startValidatingProxy({ target: sandbox.url });
      hubspot = createHubSpot({ baseUrl: proxy.url, token: sandbox.token, rateLimit: 10_000, apiVersion });
      mcp = await connectInMemory(
        { url: proxy.url, token: sandbox.token },
        { hubspot: { rateLimit: 10_000, apiVersion } },
      );
    });
    afterAll(async () => {
      await mcp.close();
      await hubspot.close();
      await proxy.close();
      await sandbox.close();
    });

    it('every client endpoint', async () => {
      const c1 = sandbox.portal.createObject('contacts', { email: 'spec1@example.com' }).id;
      const c2 = sandbox.portal.createObject('contacts', { email: 'spec2@example.com' }).id;
      const co = sandbox.portal.createObject('companies', { name: 'Spec Co', domain: 'spec.example' }).id;

      // Labels S1–S4
      const created = await hubspot.labels.create(contacts, companies, {
        label: 'Spec Role',
        name: 'spec_role',
        inverseLabel: 'Spec Inverse',
      });
      const forward = (await hubspot.labels.list(contacts, companies)).find((t) => t.label === 'Spec Role');
      expect(forward).toBeDefined();
      expect(created).toHaveLength(2);
      await hubspot.labels.update(contacts, companies, {
        associationTypeId: forward!.typeId,
        label: 'Spec Role 2',
      });

      // Records R1–R10
      await hubspot.associations.associateDefault(contacts, c1, companies, co);
      await hubspot.associations.putLabels(contacts, c1, companies, co, [
        { associationCategory: 'USER_DEFINED', associationTypeId: forward!.typeId },
      ]);
      const page = await hubspot.associations.list(contacts, c1, companies, { limit: 10 });
      expect(page.results[0]?.toObjectId).toBe(co);
      await hubspot.associations.batchAssociateDefault(contacts, companies, [{ fromId: c2, toId: co }]);
      await hubspot.associations.batchCreate(contacts, companies, [
        { fromId: c2, toId: co, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 1 }] },
      ]);
      const read = await hubspot.associations.batchRead(contacts, companies, [{ id: c1 }, { id: c2 }]);
      expect(read.results).toHaveLength(2);
      await hubspot.associations.batchArchiveLabels(contacts, companies, [
        {
          fromId: c1,
          toId: co,
          types: [{ associationCategory: 'USER_DEFINED', associationTypeId: forward!.typeId }],
        },
      ]);
      await hubspot.associations.batchArchive(contacts, companies, [{ fromId: c2, toIds: [co] }]);
      await hubspot.associations.removeAll(contacts, c1, companies, co);
      const report = await hubspot.associations.requestHighUsageReport(1234);
      expect(report.userId).toBe(1234);

      // Limits C1–C5
      const limit = { category: 'USER_DEFINED' as const, typeId: forward!.typeId, maxToObjectIds: 3 };
      await hubspot.limits.create(contacts, companies, [limit]);
      await hubspot.limits.update(contacts, companies, [{ ...limit, maxToObjectIds: 4 }]);
      expect((await hubspot.limits.all()).some((l) => l.maxToObjectIds === 4)).toBe(true);
      await hubspot.limits.forPair(contacts, companies);
      await hubspot.limits.purge(contacts, companies, [
        { category: 'USER_DEFINED', typeId: forward!.typeId },
      ]);
      await hubspot.labels.remove(contacts, companies, forward!.typeId);

      // Objects
      const made = await hubspot.objects.create(contacts, { email: 'spec3@example.com', firstname: 'Spec' });
      await hubspot.objects.get(contacts, made.id, ['email', 'mobilephone']);
      await hubspot.objects.list(companies, { limit: 5, properties: ['name', 'domain'] });
      await hubspot.objects.batchRead(contacts, [c1, c2], ['email']);
      const found = await hubspot.objects.search(contacts, {
        filterGroups: [{ filters: [{ propertyName: 'email', operator: 'EQ', value: 'spec3@example.com' }] }],
        properties: ['email'],
        limit: 5,
      });
      expect(found.results.map((r) => r.id)).toEqual([made.id]);
      await hubspot.objects.batchUpsert(contacts, 'email', [
        { id: 'spec4@example.com', properties: { firstname: 'Up' } },
      ]);

      await hubspot.schemas.list();
      // The legacy family's /account-info/v3/details has no spec here; the dated one does.
      if (apiVersion !== 'v4') await hubspot.account.details();

      expect(proxy.violations).toEqual([]);
      expect(proxy.exchanges).toBeGreaterThanOrEqual(25);
      // Every exchange was of the version asked for.
      expect(
        sandbox.log.entries
          .map((e) => e.path)
          .every((p) => (apiVersion === 'v4' ? !p.includes('/2026-') : !/\/v[34]\//.test(p))),
      ).toBe(true);
    });

    it('every tool flow through MCP', async () => {
      proxy.reset();
      const ok = async (name: string, args: Record<string, unknown>) => {
        const out = await callTool(mcp.client, name, args);
        expect(out.isError, `${name}: ${out.text}`).toBe(false);
        return out.data;
      };
      const pair = await ok('create_contact_company_pair', {
        contact: { email: 'flow@example.com', firstname: 'Flow' },
        company: { name: 'Flow Inc', domain: 'flow.example' },
        label: 'Primary',
      });
      const pairs = [{ fromId: pair.contact.id, toId: pair.company.id }];
      await ok('list_association_labels', { fromObjectType: 'contacts', toObjectType: 'companies' });
      await ok('create_association_label', {
        fromObjectType: 'contacts',
        toObjectType: 'companies',
        label: 'Flow Label',
      });
      await ok('associate_records', {
        fromObjectType: 'contacts',
        toObjectType: 'companies',
        pairs,
        label: 'Flow Label',
      });
      await ok('list_associations', {
        objectType: 'contacts',
        objectIds: [pair.contact.id],
        toObjectType: 'companies',
      });
      await ok('set_association_limit', {
        fromObjectType: 'contacts',
        toObjectType: 'companies',
        label: 'Flow Label',
        maxToObjectIds: 5,
      });
      await ok('get_association_limits', {});
      await ok('remove_association_limit', {
        fromObjectType: 'contacts',
        toObjectType: 'companies',
        label: 'Flow Label',
      });
      await ok('remove_associations', {
        fromObjectType: 'contacts',
        toObjectType: 'companies',
        pairs,
        label: 'Flow Label',
      });
      await ok('update_association_label', {
        fromObjectType: 'contacts',
        toObjectType: 'companies',
        label: 'Flow Label',
        newLabel: 'Flow Label 2',
      });
      await ok('delete_association_label', {
        fromObjectType: 'contacts',
        toObjectType: 'companies',
        label: 'Flow Label 2',
      });
      await ok('find_records', { objectType: 'companies', query: 'Flow' });
      await ok('find_records', {
        objectType: 'contacts',
        filters: [{ propertyName: 'email', operator: 'EQ', value: 'flow@example.com' }],
      });
      await ok('request_high_usage_report', { userId: 42 });
      await ok('list_object_types', {});
      if (apiVersion !== 'v4') await ok('check_connection', {}); // account-info v3 has no spec here
      await ok('export_crm_data', {
        objectTypes: ['contacts', 'companies'],
        associations: [{ from: 'contacts', to: 'companies' }],
      });
      await ok('remove_associations', { fromObjectType: 'contacts', toObjectType: 'companies', pairs });

      expect(proxy.violations).toEqual([]);
      expect(proxy.exchanges).toBeGreaterThan(20);
    });
  },
);
