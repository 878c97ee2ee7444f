/**
 * MCP_HTTP_AUTH=oauth for the HTTP transport: the SDK's authorization-server router (metadata,
 * /register, /authorize, /token, /revoke) around our broker provider, our consent and callback
 * routes, and the bearer guard for /mcp (our tokens, for this resource, only).
 */
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import {
  getOAuthProtectedResourceMetadataUrl,
  mcpAuthRouter,
} from '@modelcontextprotocol/sdk/server/auth/router.js';
import express, { type RequestHandler } from 'express';
import type { Logger } from '../logger.js';
import { callbackHandler, consentHandler } from './flow.js';
import { createGrants, type Grants } from './grants.js';
import { createHubSpotApp } from './hubspotApp.js';
import { createBrokerProvider } from './provider.js';
import type { AuthStore } from './store.js';

export interface BrokerOptions {
  publicUrl: string;
  key: Buffer;
  clientId: string;
  clientSecret: string;
  /** Where HubSpot's OAuth token endpoints live (HUBSPOT_API_BASE_URL). */
  apiBase: string;
  authorizeUrl: string;
  hubspotScopes: string[];
  store: AuthStore;
  logger: Logger;
  /** Dynamic registrations accepted in all (default 1000). */
  maxClients?: number;
  /**
   * Requests per client IP per 15 minutes on /authorize, /token and /revoke (and per hour on
   * /register), counted by each replica (default 600). Behind a reverse proxy every person shares
   * the proxy's address, so the SDK's defaults (50 token requests, 20 registrations) would stop a
   * team; false: none.
   */
  rateLimit?: number | false;
  onRefresh?: () => void;
}

export interface Broker {
  /** Mount at the root of MCP_PUBLIC_URL's origin. */
  routes: express.Router;
  /** Put in front of /mcp. */
  guard: RequestHandler;
  grants: Grants;
}

export function createBroker(options: BrokerOptions): Broker {
  const publicUrl = new URL(options.publicUrl);
  const hubspot = createHubSpotApp({
    apiBase: options.apiBase,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
  });
  const grants = createGrants({
    store: options.store,
    key: options.key,
    hubspot,
    ...(options.onRefresh ? { onRefresh: options.onRefresh } : {}),
  });
  const provider = createBrokerProvider({
    store: options.store,
    grants,
    publicUrl: publicUrl.href,
    secureCookies: publicUrl.protocol === 'https:',
    maxClients: options.maxClients ?? 1000,
  });
  // The proxy's X-Forwarded-For is not trusted for counting (validate: false keeps stderr quiet).
  const limit = options.rateLimit === false ? false : { max: options.rateLimit ?? 600, validate: false };
  const routes = express.Router();
  routes.use(
    mcpAuthRouter({
      provider,
      issuerUrl: new URL(publicUrl.origin),
      resourceServerUrl: publicUrl,
      resourceName: 'HubSpot Associations',
      tokenOptions: { rateLimit: limit },
      authorizationOptions: { rateLimit: limit },
      clientRegistrationOptions: { rateLimit: limit, clientSecretExpirySeconds: 0 },
      revocationOptions: { rateLimit: limit },
    }),
  );
  const flow = {
    store: options.store,
    grants,
    hubspot,
    issueCode: provider.issueCode,
    authorizeUrl: options.authorizeUrl,
    hubspotClientId: options.clientId,
    callbackUrl: new URL('/oauth/callback', publicUrl.origin).href,
    hubspotScopes: options.hubspotScopes,
    logger: options.logger,
  };
  routes.post(
    '/authorize/consent',
    express.urlencoded({ extended: false, limit: '8kb' }),
    consentHandler(flow),
  );
  routes.get('/oauth/callback', callbackHandler(flow));
  const guard = requireBearerAuth({
    verifier: provider,
    resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(publicUrl),
    expectedResource: publicUrl,
  });
  return { routes, guard, grants };
}
