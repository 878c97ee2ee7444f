import { accountApi } from './accountApi.js';
import { associationsApi } from './associationsApi.js';
import { staticToken, type TokenProvider } from './auth.js';
import { type ClientOptions, createHubSpotClient, type HubSpotClient } from './client.js';
import { labelsApi } from './labelsApi.js';
import { limitsApi } from './limitsApi.js';
import { objectsApi } from './objectsApi.js';
import { createRetryPolicy, type RetryOptions } from './retry.js';
import { type ApiVersion, createRoutes, type Routes } from './routes.js';
import { schemasApi } from './schemasApi.js';
import { createSharedLimiter, type SharedLimiterOptions } from './sharedThrottle.js';
import { createLimiter, type Limiter, type LimiterOptions } from './throttle.js';

export interface HubSpotOptions {
  baseUrl: string;
  /** A static token, or a provider (OAuth refresh) that runs outside the throttle. */
  token: string | TokenProvider;
  /** HubSpot API version of every path (default 2026-03; `v4` for the legacy paths). */
  apiVersion?: ApiVersion;
  /** Requests per window, or 'auto' to follow X-HubSpot-RateLimit-Max (starting from 100). */
  rateLimit?: number | 'auto';
  limiter?: Omit<LimiterOptions, 'perWindow'>;
  /** A budget shared by replicas (REDIS_URL): the store and how to behave when it is unreachable. */
  shared?: Omit<SharedLimiterOptions, keyof LimiterOptions>;
  retry?: RetryOptions;
  /** A budget built elsewhere and shared by several clients (one per portal with MCP_HTTP_AUTH=oauth). */
  budget?: Limiter;
  timeoutMs?: number;
  dispatcher?: ClientOptions['dispatcher'];
  onRetry?: ClientOptions['onRetry'];
}

/** Everything that talks to HubSpot, built once per server and injected (no module state). */
export interface HubSpot {
  client: HubSpotClient;
  account: ReturnType<typeof accountApi>;
  associations: ReturnType<typeof associationsApi>;
  labels: ReturnType<typeof labelsApi>;
  limits: ReturnType<typeof limitsApi>;
  objects: ReturnType<typeof objectsApi>;
  schemas: ReturnType<typeof schemasApi>;
  /** The paths the client sends, for plans that must name exactly those. */
  routes: Routes;
  close(): Promise<void>;
}

export function createHubSpot(options: HubSpotOptions): HubSpot {
  const auto = options.rateLimit === 'auto';
  const perWindow = typeof options.rateLimit === 'number' ? options.rateLimit : 100;
  const client = createHubSpotClient({
    baseUrl: options.baseUrl,
    auth: typeof options.token === 'string' ? staticToken(options.token) : options.token,
    limiter: options.budget
      ? options.budget
      : options.shared
        ? createSharedLimiter({ perWindow, ...options.limiter, ...options.shared })
        : createLimiter({ perWindow, ...options.limiter }),
    retry: createRetryPolicy(options.retry),
    timeoutMs: options.timeoutMs,
    autoRateLimit: auto,
    dispatcher: options.dispatcher,
    onRetry: options.onRetry,
  });
  const routes = createRoutes(options.apiVersion);
  return {
    client,
    routes,
    account: accountApi(client, routes),
    associations: associationsApi(client, routes),
    labels: labelsApi(client, routes),
    limits: limitsApi(client, routes),
    objects: objectsApi(client, routes),
    schemas: schemasApi(client, routes),
    close: () => client.close(),
  };
}

export { HubSpotError, InputError } from './errors.js';
export { assertRecordId, OBJECT_TYPES, type ObjectType, resolveObjectType } from './objectTypes.js';
export { API_VERSIONS, type ApiVersion, DEFAULT_API_VERSION } from './routes.js';
export type * from './types.js';
