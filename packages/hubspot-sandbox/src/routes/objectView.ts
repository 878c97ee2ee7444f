/** CRM records as v3 answers them: chosen properties, history, and v3-style associations. */

import type { ObjectType } from '../objectTypes.js';
import { objectLabel } from '../objectTypes.js';
import type { PortalState } from '../portal.js';
import { baseProperties, defaultProperties, ownValue, propertyExists } from '../properties.js';
import { PRIMARY_TYPE_IDS } from '../typeCatalog.js';
import type { AssociationTypeDef, CrmObject } from '../types.js';

export interface ViewOptions {
  /** Asked-for properties; unset ones come back as null. */
  properties?: readonly string[];
  propertiesWithHistory?: readonly string[];
  associations?: readonly ObjectType[];
  /** Every stored property (create and update answers). */
  all?: boolean;
}

/**
 * v3 association type names: contact_to_company (PRIMARY), contact_to_company_unlabeled, …; custom
 * types by their name. Keyed on typeId: PRIMARY labels read differently per direction now.
 */
function v3TypeName(
  state: PortalState,
  from: ObjectType,
  to: ObjectType,
  def: Readonly<AssociationTypeDef>,
): string {
  const base = `${objectLabel(from)}_to_${objectLabel(to)}`.toLowerCase();
  if (def.category !== 'HUBSPOT_DEFINED') return def.name ?? String(def.typeId);
  if (PRIMARY_TYPE_IDS.has(def.typeId)) return base;
  if (def.label !== null) return `${base}_${def.label.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`;
  const hasPrimary = state.labels.forPair(from.id, to.id).some((d) => PRIMARY_TYPE_IDS.has(d.typeId));
  return hasPrimary ? `${base}_unlabeled` : base;
}

function pickProperties(
  type: ObjectType,
  object: CrmObject,
  options: ViewOptions,
): Record<string, string | null> {
  if (options.all) return { ...object.properties };
  const out: Record<string, string | null> = {};
  if (options.properties && options.properties.length > 0) {
    // Reality, not spec (which types values as string): HubSpot answers unset asked-for
    // properties with null, and leaves out names the type does not have.
    for (const name of [...baseProperties(type.id), ...options.properties]) {
      if (propertyExists(type.id, name)) out[name] = ownValue(object.properties, name) ?? null;
    }
    return out;
  }
  for (const name of defaultProperties(type.id)) {
    const value = ownValue(object.properties, name);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

export function viewObject(
  state: PortalState,
  type: ObjectType,
  object: CrmObject,
  options: ViewOptions = {},
): Record<string, unknown> {
  const view: Record<string, unknown> = {
    id: object.id,
    properties: pickProperties(type, object, options),
    createdAt: object.createdAt,
    updatedAt: object.updatedAt,
    archived: object.archived,
    ...(object.archivedAt ? { archivedAt: object.archivedAt } : {}),
  };
  if (options.propertiesWithHistory && options.propertiesWithHistory.length > 0) {
    const history: Record<string, unknown[]> = {};
    for (const name of options.propertiesWithHistory) {
      const value = ownValue(object.properties, name);
      // The sandbox keeps no history: the current value is the only version.
      history[name] = value === undefined ? [] : [{ value, timestamp: object.updatedAt, sourceType: 'API' }];
    }
    view.propertiesWithHistory = history;
  }
  if (options.associations && options.associations.length > 0 && !object.archived) {
    const associations: Record<string, unknown> = {};
    for (const to of options.associations) {
      const page = state.associations.page({ type, id: object.id }, to, undefined, 500);
      const results = page.items.flatMap((record) =>
        record.types.map((t) => ({
          id: record.toObjectId,
          type: v3TypeName(
            state,
            type,
            to,
            state.labels.byId(t.typeId) ?? {
              ...t,
              fromTypeId: type.id,
              toTypeId: to.id,
              inverseTypeId: null,
            },
          ),
        })),
      );
      if (results.length > 0) associations[to.name] = { results };
    }
    if (Object.keys(associations).length > 0) view.associations = associations;
  }
  return view;
}
