import type { ObjectType } from './objectTypes.js';
import { seg, typeSegment } from './paths.js';

/**
 * HubSpot API versions this client speaks. The date-versioned API is HubSpot's target (a new
 * version each March and September, supported 18 months); `v4` is the legacy family (associations
 * v4 with objects v3), unsupported from 2027-03-30 (v1–v3 from September 2027). Same bodies in all;
 * archive and purge answer 204 in v4 and 200 with a BatchResponse in dated versions, and the
 * client accepts both (docs/hubspot-fidelity.md §7).
 */
export const API_VERSIONS = ['2026-03', '2026-09', 'v4'] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];
export const DEFAULT_API_VERSION: ApiVersion = '2026-03';

/**
 * The OAuth token endpoint (refresh grant), the same for every HUBSPOT_API_VERSION: HubSpot turns
 * the v1 OAuth endpoints off on 2027-02-16 whatever CRM version a client speaks
 * (docs/hubspot-fidelity.md §7d; spec/hubspot-openapi/auth-oauth-2026-03-dated.json; `/oauth/v3/token`
 * is the same API under its undated name).
 */
export const OAUTH_TOKEN_PATH = '/oauth/2026-03/token';

export type BatchOperation = 'create' | 'associate/default' | 'read' | 'archive' | 'labels/archive';
export type LimitOperation = 'create' | 'update' | 'purge';

/**
 * Every HubSpot path the client sends, in one place: the api modules build requests from it and
 * the dry-run plans are derived from it, so a plan never names a path the client does not send.
 * Segments are validated and encoded here (object types re-resolved, ids encoded).
 */
export interface Routes {
  version: ApiVersion;
  /** R5–R9: `…/associations/{from}/{to}/batch/{op}` */
  associationBatch(from: ObjectType, to: ObjectType, op: BatchOperation): string;
  /** R1, R3, R4: a record's associations to a type, or to one record of it. */
  recordAssociations(type: ObjectType, id: string, to: ObjectType, toId?: string): string;
  /** R2: the default association between two records. */
  defaultAssociation(type: ObjectType, id: string, to: ObjectType, toId: string): string;
  /** R10 */
  highUsageReport(userId: number): string;
  /** S1–S4 */
  labels(from: ObjectType, to: ObjectType, typeId?: number): string;
  /** C1 */
  allLimits(): string;
  /** C2–C5 */
  limits(from: ObjectType, to: ObjectType, op?: LimitOperation): string;
  /** Objects: the collection, one record, or a batch/search operation on the collection. */
  objects(
    type: ObjectType,
    rest?: { id: string } | { op: 'batch/read' | 'batch/upsert' | 'batch/create' | 'search' },
  ): string;
  /** Object schemas (custom object types): all, or one. */
  schemas(objectType?: string): string;
  /** The account's id, type and time zone (account-info-2026-03-dated.json; v3 with the legacy family). */
  accountDetails(): string;
}

export function createRoutes(version: ApiVersion = DEFAULT_API_VERSION): Routes {
  const legacy = version === 'v4';
  const pair = (from: ObjectType, to: ObjectType) => `${typeSegment(from)}/${typeSegment(to)}`;
  const record = (type: ObjectType, id: string) =>
    `/crm/${legacy ? 'v4/objects' : `objects/${version}`}/${typeSegment(type)}/${seg(id)}/associations`;
  const objects = (type: ObjectType) =>
    `/crm/${legacy ? 'v3/objects' : `objects/${version}`}/${typeSegment(type)}`;
  // v4: the records API lives under /crm/v4/associations, labels and limits under the current
  // spec's /crm/associations/v4 (the SDK's /crm/v4/associations/... labels path is the same API).
  const associations = legacy ? '/crm/v4/associations' : `/crm/associations/${version}`;
  const schema = legacy ? '/crm/associations/v4' : `/crm/associations/${version}`;
  const configurations = `${schema}/definitions/configurations`;
  const schemas = `/crm-object-schemas/${legacy ? 'v3' : version}/schemas`;
  return {
    version,
    associationBatch: (from, to, op) => `${associations}/${pair(from, to)}/batch/${op}`,
    recordAssociations: (type, id, to, toId) =>
      `${record(type, id)}/${typeSegment(to)}${toId === undefined ? '' : `/${seg(toId)}`}`,
    defaultAssociation: (type, id, to, toId) => `${record(type, id)}/default/${typeSegment(to)}/${seg(toId)}`,
    highUsageReport: (userId) => `${associations}/usage/high-usage-report/${seg(userId)}`,
    labels: (from, to, typeId) =>
      `${schema}/${pair(from, to)}/labels${typeId === undefined ? '' : `/${seg(typeId)}`}`,
    allLimits: () => `${configurations}/all`,
    limits: (from, to, op) => `${configurations}/${pair(from, to)}${op ? `/batch/${op}` : ''}`,
    objects: (type, rest) =>
      rest === undefined
        ? objects(type)
        : 'id' in rest
          ? `${objects(type)}/${seg(rest.id)}`
          : `${objects(type)}/${rest.op}`,
    schemas: (objectType) => (objectType === undefined ? schemas : `${schemas}/${seg(objectType)}`),
    accountDetails: () => `/account-info/${legacy ? 'v3' : version}/details`,
  };
}
