/** High-usage report (docs/hubspot-api.md §3, R10), v4 and dated: HubSpot e-mails it; the sandbox records the request. */
import { validationError } from '../errors.js';
import type { PortalState } from '../portal.js';
import type { Route } from '../router.js';
import { FAMILIES } from '../versions.js';

export function reportRoutes(state: PortalState): Route[] {
  return FAMILIES.map(
    (family): Route => ({
      method: 'POST',
      template: `${family.associations}/usage/high-usage-report/{userId}`,
      handle(ctx) {
        const raw = ctx.params.userId ?? '';
        const userId = Number(raw);
        if (!/^[0-9]{1,10}$/.test(raw) || userId > 2 ** 31 - 1) {
          throw validationError(`userId must be an int32 user id, got ${JSON.stringify(raw)}`);
        }
        state.reports.push(userId);
        return {
          status: 200,
          body: {
            userId,
            userEmail: `user${userId}@sandbox.example.com`,
            enqueueTime: { value: Date.now(), dateOnly: false, timeZoneShift: 0 },
          },
        };
      },
    }),
  );
}
