import type { ObjectType } from './objectTypes.js';
import { seg, typeSegment } from './paths.js';

/**
 * HubSpot API versions this client speaks. `v4` is the semantic-versioned family (associations v4
 * with objects v3), supported by HubSpot until 2027-03-30; the dated versions share its bodies.
 */
export type ApiVersion = 'v4';

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
  objects(type: ObjectType, rest?: { id: string } | { op: 'batch/read' | 'batch/upsert' | 'search' }): string;
}

export function createRoutes(version: ApiVersion = 'v4'): Routes {
  const pair = (from: ObjectType, to: ObjectType) => `${typeSegment(from)}/${typeSegment(to)}`;
  const associations = '/crm/v4/associations';
  const objects = (type: ObjectType) => `/crm/v3/objects/${typeSegment(type)}`;
  // The current spec's path family for labels and limits; /crm/v4/associations/... is the same API.
  const schema = '/crm/associations/v4';
  const configurations = `${schema}/definitions/configurations`;
  return {
    version,
    associationBatch: (from, to, op) => `${associations}/${pair(from, to)}/batch/${op}`,
    recordAssociations: (type, id, to, toId) =>
      `/crm/v4/objects/${typeSegment(type)}/${seg(id)}/associations/${typeSegment(to)}${toId === undefined ? '' : `/${seg(toId)}`}`,
    defaultAssociation: (type, id, to, toId) =>
      `/crm/v4/objects/${typeSegment(type)}/${seg(id)}/associations/default/${typeSegment(to)}/${seg(toId)}`,
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
  };
}
