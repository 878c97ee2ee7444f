/** Shared shapes of the sandbox portal: public options and handle, and the domain records. */
import type { Faults } from './faults.js';
import type { OAuthSettings } from './oauth.js';
import type { Portal } from './portal.js';
import type { RequestLog } from './requestLog.js';

export interface SandboxOptions {
  /** Bearer token accepted (default 'sandbox-token'). */
  token?: string;
  /** Requests per rolling window per token (default 100). */
  rateLimit?: number;
  /** Rolling window in ms (default 10 000). */
  windowMs?: number;
  /** Search requests per second (default 5); search answers carry no rate headers. */
  searchPerSecond?: number;
  /** Requests per day; unset means no daily budget (and no daily headers). */
  dailyLimit?: number;
  /** Seed the deterministic demo portal (default true). */
  seed?: boolean;
  /** Port on 127.0.0.1 (default 0: ephemeral). */
  port?: number;
  /**
   * How long CRM search lags writes, in ms (default 0). HubSpot says "a few moments"; the
   * standalone `sandbox` command uses 2,000. Changeable later with portal.setSearchLag.
   */
  searchLagMs?: number;
  /** Seed of the generator behind faults injected with a `chance` (default 1). */
  faultSeed?: number;
  /** Associations per input and page in batch read (default 500); small values let tests page. */
  batchReadPageSize?: number;
  /**
   * Custom association labels allowed per object pair (default 10, HubSpot's developer docs; a
   * newer KB copy says 50). The next one is refused with a 400 naming the limit.
   */
  labelLimit?: number;
  /**
   * Serve the OAuth refresh grant for this app at POST /oauth/2026-03/token, /oauth/v3/token and
   * (until HubSpot's 2027-02-16 sunset) /oauth/v1/token: each correct refresh issues an access
   * token accepted like `token` until it expires. Unset: every client id is unknown.
   */
  oauth?: OAuthSettings;
  /**
   * The only scopes the token has, e.g. ['crm.objects.contacts.read']: a request that needs
   * another gets HubSpot's 403 MISSING_SCOPES naming it. Unset: every scope.
   */
  scopes?: readonly string[];
}

export interface Sandbox {
  /** e.g. http://127.0.0.1:54321 (no trailing slash). */
  url: string;
  port: number;
  token: string;
  portal: Portal;
  log: RequestLog;
  faults: Faults;
  close(): Promise<void>;
}

export type Category = 'HUBSPOT_DEFINED' | 'USER_DEFINED' | 'INTEGRATOR_DEFINED' | 'WORK';
export const CATEGORIES: readonly Category[] = [
  'HUBSPOT_DEFINED',
  'USER_DEFINED',
  'INTEGRATOR_DEFINED',
  'WORK',
];

/** One directed association type (HubSpot's typeIds are directional and unique portal-wide). */
export interface AssociationTypeDef {
  fromTypeId: string;
  toTypeId: string;
  typeId: number;
  category: Category;
  /** null for unlabeled types, as HubSpot answers. */
  label: string | null;
  /** Internal name of a custom label. */
  name?: string;
  /** The type written in the other direction alongside this one; null when HubSpot defines none. */
  inverseTypeId: number | null;
}

/** What Portal.associations returns for one associated record. */
export interface AssociatedRecord {
  toObjectId: string;
  types: Array<{ category: Category; typeId: number; label: string | null }>;
}

/** A configured association limit (definition configuration). */
export interface LimitConfig {
  fromObjectTypeId: string;
  toObjectTypeId: string;
  category: Category;
  typeId: number;
  label: string | null;
  maxToObjectIds: number;
}

/** A CRM record as the portal stores it; properties are strings as HubSpot keeps them. */
export interface CrmObject {
  id: string;
  properties: Record<string, string>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
}
