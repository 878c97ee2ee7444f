import { describe, expect, it } from 'vitest';
import { callTool, useSandboxServer } from '../helpers/mcp.js';

describe('check_connection', () => {
  describe('with every scope', () => {
    const ctx = useSandboxServer({ sandbox: { dailyLimit: 250_000 }, each: false });

    it('reports the portal, the auth kind and the budget, with no missing scope', async () => {
      const out = await callTool(ctx.mcp.client, 'check_connection', {});
      expect(out.isError, out.text).toBe(false);
      expect(out.data).toMatchObject({
        portalId: 12345678,
        accountType: 'SANDBOX',
        timeZone: 'US/Eastern',
        auth: 'sandbox',
        missingScopes: [],
        blockedTools: [],
      });
      // The budget the throttle keeps to, and what HubSpot's rate-limit headers said last.
      expect(out.data.budget).toMatchObject({ perWindow: 100, windowMs: 10_000, daily: 250_000 });
      expect(out.data.budget.remaining).toBeLessThan(100);
      expect(out.data.budget.dailyRemaining).toBeLessThan(250_000);
      expect(out.text).toMatch(/portal 12345678 \(SANDBOX, US\/Eastern\).*read scopes OK/);
      // Cheap reads only: the account, one record per object type, schemas and one label list.
      const requests = ctx.sandbox.log.entries;
      expect(requests.every((e) => e.method === 'GET')).toBe(true);
      expect(requests.length).toBe(6);
      expect(requests.filter((e) => e.path.includes('limit=')).every((e) => e.path.includes('limit=1'))).toBe(
        true,
      );
    });
  });

  describe('with a token limited to contacts and companies', () => {
    const ctx = useSandboxServer({
      sandbox: { scopes: ['crm.objects.contacts.read', 'crm.objects.companies.read'] },
      each: false,
    });

    it('names each missing scope and the tools it blocks', async () => {
      const out = await callTool(ctx.mcp.client, 'check_connection', {});
      expect(out.isError, out.text).toBe(false);
      expect(out.data.missingScopes).toEqual(['crm.objects.deals.read', 'crm.schemas.custom.read']);
      expect(out.data.blockedTools).toEqual(['list_object_types (crm.schemas.custom.read)']);
      expect(out.text).toContain('missing crm.objects.deals.read, crm.schemas.custom.read');
    });

    it('agrees with what the blocked tool meets: HubSpot’s 403 naming the scope', async () => {
      const out = await callTool(ctx.mcp.client, 'list_object_types', {});
      expect(out.isError).toBe(true);
      expect(out.text).toContain('crm.schemas.custom.read');
      const labels = await callTool(ctx.mcp.client, 'list_association_labels', {
        fromObjectType: 'contacts',
        toObjectType: 'companies',
      });
      expect(labels.isError, labels.text).toBe(false);
    });
  });

  describe('with a token that may read schemas only', () => {
    const ctx = useSandboxServer({ sandbox: { scopes: ['crm.schemas.custom.read'] }, each: false });

    it('blocks every tool that needs a CRM object scope', async () => {
      const out = await callTool(ctx.mcp.client, 'check_connection', {});
      expect(out.data.missingScopes).toEqual([
        'crm.objects.contacts.read',
        'crm.objects.companies.read',
        'crm.objects.deals.read',
      ]);
      expect(out.data.blockedTools).toContain('list_association_labels (crm.objects.contacts.read)');
      expect(out.data.blockedTools).toContain('create_contact_company_pair (crm.objects.contacts.read)');
      expect(out.data.blockedTools).not.toContain('list_object_types (crm.schemas.custom.read)');
      expect(out.data.blockedTools.some((t: string) => t.startsWith('list_changes'))).toBe(false);
    });
  });
});
