/** Shared shapes of the sandbox portal's records; they import only the object type table, so every store can use them. */
import type { ObjectType } from './objectTypes.js';

export type Category = 'HUBSPOT_DEFINED' | 'USER_DEFINED' | 'INTEGRATOR_DEFINED' | 'WORK';
export const CATEGORIES: readonly Category[] = [
  'HUBSPOT_DEFINED',
  'USER_DEFINED',
  'INTEGRATOR_DEFINED',
  'WORK',
];

/** One directed association type (HubSpot's typeIds are directional and unique portal-wide). */
/** One side of an association: a record of an object type. */
export interface Endpoint {
  type: ObjectType;
  id: string;
}

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
