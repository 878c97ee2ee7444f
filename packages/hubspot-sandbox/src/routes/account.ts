/**
 * Account details (spec account-info-2026-03-dated.json `PortalInformationResponse`; v3 and the
 * dated versions share the shape). Sandbox choices: accountType SANDBOX (an in-memory portal is no
 * production account), HubSpot's US East data centre and its default time zone.
 */
import { PORTAL_ID } from '../account.js';
import type { Route } from '../router.js';
import { DATED_VERSIONS } from '../versions.js';

const DETAILS = {
  portalId: PORTAL_ID,
  accountType: 'SANDBOX',
  timeZone: 'US/Eastern',
  companyCurrency: 'USD',
  additionalCurrencies: [],
  utcOffset: '-05:00',
  utcOffsetMilliseconds: -18_000_000,
  uiDomain: 'app.hubspot.com',
  dataHostingLocation: 'na1',
};

export function accountRoutes(): Route[] {
  return ['v3', ...DATED_VERSIONS].map(
    (version): Route => ({
      method: 'GET',
      template: `/account-info/${version}/details`,
      handle: () => ({ status: 200, body: DETAILS }),
    }),
  );
}
