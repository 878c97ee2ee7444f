/** The sandbox portal: an in-memory HubSpot CRM served over HTTP on loopback. */
export type { Fault, Faults } from './faults.js';
export type { LabelInput } from './labels.js';
export type { OAuthSettings } from './oauth.js';
export type { OAuthAppSettings, SandboxUser } from './oauthUsers.js';
export type { Sandbox, SandboxOptions } from './options.js';
export type { Portal, PropertyValues } from './portal.js';
export type { RateLimitPolicy, RateLimitSettings } from './rateLimit.js';
export type { LogEntry, LogFilter, RequestLog } from './requestLog.js';
export { startSandbox } from './sandbox.js';
export type {
  AssociatedRecord,
  AssociationTypeDef,
  Category,
  CrmObject,
  LimitConfig,
} from './types.js';
export { type ApiVersion, DATED_VERSIONS } from './versions.js';
