/** Limits tracking reads, v3 and dated (spec crm-limits-tracking-2026-03-dated.json): association records and labels. */
import { labelLimitReport, recordLimitReport } from '../limitUsage.js';
import type { PortalState } from '../portal.js';
import type { Route } from '../router.js';
import { objectTypeParam } from '../validate.js';
import { FAMILIES } from '../versions.js';

export function limitUsageRoutes(state: PortalState): Route[] {
  return FAMILIES.flatMap((family): Route[] => [
    {
      method: 'GET',
      template: `${family.limits}/associations/records/{fromObjectTypeId}/{toObjectTypeId}`,
      handle(ctx) {
        const from = objectTypeParam(ctx.params.fromObjectTypeId);
        const to = objectTypeParam(ctx.params.toObjectTypeId);
        return { status: 200, body: recordLimitReport(state, from, to) };
      },
    },
    {
      method: 'GET',
      template: `${family.limits}/associations/labels`,
      handle(ctx) {
        const param = (name: string) => {
          const value = ctx.query.get(name);
          return value === null || value === '' ? undefined : objectTypeParam(value);
        };
        const body = labelLimitReport(state, param('fromObjectTypeId'), param('toObjectTypeId'));
        return { status: 200, body };
      },
    },
  ]);
}
