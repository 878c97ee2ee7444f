import { z } from 'zod';
import { requestHighUsageReport as requestReport } from '../domain/limits/configurations.js';
import { defineTool } from './types.js';

export const requestHighUsageReport = defineTool({
  name: 'request_high_usage_report',
  title: 'Request high-usage report',
  description: 'Have HubSpot e-mail a user the records near their association limits.',
  inputSchema: {
    userId: z.number().int().positive().max(2_147_483_647).describe('HubSpot user id'),
  },
  outputSchema: { userId: z.number(), userEmail: z.string(), enqueuedAt: z.string().optional() },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  async handler(deps, args) {
    const report = await requestReport(deps, args.userId);
    const data = {
      userId: report.userId,
      userEmail: report.userEmail,
      ...(report.enqueuedAt ? { enqueuedAt: report.enqueuedAt } : {}),
    };
    return {
      data,
      summary: `High-usage report queued for user ${data.userId}; HubSpot will e-mail ${data.userEmail}.`,
    };
  },
});
