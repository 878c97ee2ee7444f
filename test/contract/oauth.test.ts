import { type Sandbox, startSandbox } from 'hubspot-sandbox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHubSpot, type HubSpot, HubSpotError } from '../../src/hubspot/index.js';
import { oauthRefreshToken } from '../../src/hubspot/oauth.js';
import { resolveObjectType } from '../../src/hubspot/objectTypes.js';
import { OAUTH_TOKEN_PATH } from '../../src/hubspot/routes.js';
import { findOperation } from './openapi.js';
import { startValidatingProxy, type ValidatingProxy } from './validatingProxy.js';

const APP = {
  clientId: 'contract-client',
  clientSecret: 'contract-secret',
  refreshToken: 'contract-refresh',
};
const contacts = resolveObjectType('contacts');
const companies = resolveObjectType('companies');

/**
 * The refresh flow's token request and the sandbox's answers, checked by the validating proxy
 * against HubSpot's spec for the endpoint the client now calls (spec/hubspot-openapi/
 * auth-oauth-2026-03-dated.json), under each API version the contract specs cover.
 */
describe.each(['2026-03', 'v4'] as const)(
  'OAuth token exchange (%s) conforms to the 2026-03 spec',
  (apiVersion) => {
    let sandbox: Sandbox;
    let proxy: ValidatingProxy;
    const clients: HubSpot[] = [];
    beforeEach(async () => {
      sandbox = await startSandbox({ oauth: APP });
      proxy = await startValidatingProxy({ target: sandbox.url });
    });
    afterEach(async () => {
      for (const client of clients.splice(0)) await client.close();
      await proxy.close();
      await sandbox.close();
    });

    function connect(refreshToken = APP.refreshToken): HubSpot {
      const client = createHubSpot({
        baseUrl: proxy.url,
        token: oauthRefreshToken({ baseUrl: proxy.url, ...APP, refreshToken }),
        apiVersion,
      });
      clients.push(client);
      return client;
    }

    it('a refresh, then calls with the issued token; and a refused refresh', async () => {
      expect(findOperation('POST', OAUTH_TOKEN_PATH)).toMatchObject({
        spec: 'auth-oauth-2026-03-dated.json',
        template: '/oauth/2026-03/token',
      });
      const client = connect();
      expect((await client.labels.list(contacts, companies)).length).toBeGreaterThan(0);
      const refused = await connect('revoked')
        .labels.list(contacts, companies)
        .catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(HubSpotError);
      expect((refused as HubSpotError).status).toBe(400);

      expect(proxy.violations).toEqual([]);
      expect(sandbox.log.entries.map((e) => [e.operation, e.status])).toEqual([
        ['POST /oauth/2026-03/token', 200],
        [expect.stringContaining('/labels'), 200],
        ['POST /oauth/2026-03/token', 400],
      ]);
      expect(proxy.exchanges).toBe(3);
    });
  },
);
