import type { HubSpotClient } from './client.js';
import type { Routes } from './routes.js';
import type { AccountDetails } from './types.js';

/** Account details (spec account-info-2026-03-dated.json `PortalInformationResponse`). */
export function accountApi(client: HubSpotClient, routes: Routes) {
  return {
    async details(): Promise<AccountDetails> {
      const res = await client.request<Partial<AccountDetails> & { portalId?: number | string }>({
        method: 'GET',
        path: routes.accountDetails(),
      });
      const body = res.body ?? {};
      return {
        portalId: Number(body.portalId),
        ...(body.accountType ? { accountType: body.accountType } : {}),
        ...(body.timeZone ? { timeZone: body.timeZone } : {}),
        ...(body.uiDomain ? { uiDomain: body.uiDomain } : {}),
      };
    },
  };
}
