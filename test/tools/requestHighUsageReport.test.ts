import { describe, expect, it } from 'vitest';
import { callTool, useSandboxServer } from '../helpers/mcp.js';

describe('request_high_usage_report', () => {
  const ctx = useSandboxServer({ sandbox: { seed: false } });

  it("returns the user's e-mail and enqueue time from HubSpot, and the portal records the request", async () => {
    const started = Date.now();
    const result = await callTool(ctx.mcp.client, 'request_high_usage_report', { userId: 4_242 });
    expect(result.isError).toBe(false);
    expect(result.data).toMatchObject({
      userId: 4242,
      userEmail: 'user4242@sandbox.example.com',
      sandbox: true,
    });
    expect(Date.parse(result.data.enqueuedAt)).toBeGreaterThanOrEqual(started - 1000);
    expect(result.text).toContain('user4242@sandbox.example.com');
    expect(ctx.sandbox.portal.highUsageReports()).toEqual([4242]);
  });

  it('rejects a user id that is not a positive integer without calling HubSpot', async () => {
    for (const userId of [0, -3, 1.5, '12']) {
      const result = await callTool(ctx.mcp.client, 'request_high_usage_report', { userId });
      expect(result.isError).toBe(true);
      expect(result.text).toContain('userId');
    }
    expect(ctx.sandbox.portal.highUsageReports()).toEqual([]);
    expect(ctx.sandbox.log.count('high-usage-report')).toBe(0);
  });
});
