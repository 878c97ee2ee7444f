/** Creating and finding v3 records, shared by the single and batch object routes. */

import { conflict, validationError } from '../errors.js';
import { type ObjectType, objectLabel, resolveObjectType } from '../objectTypes.js';
import type { PortalState } from '../portal.js';
import { isUniqueProperty, normalizeEmail, validateProperties } from '../properties.js';
import type { AssociationTypeDef, CrmObject, Endpoint } from '../types.js';
import { idOf, requireFields } from '../validate.js';
import { parseSpecs } from './parse.js';

export interface PreparedCreate {
  properties: Record<string, string>;
  links: Array<{ to: Endpoint; defs: Readonly<AssociationTypeDef>[] }>;
  objectWriteTraceId?: string;
}

/** v3 create associations name only the typeId; being directional, it fixes the target type. */
function prepareLinks(
  state: PortalState,
  type: ObjectType,
  value: unknown,
  raw: string,
): PreparedCreate['links'] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw validationError('Invalid input JSON: associations must be an array');
  return value.flatMap((item) => {
    const link = requireFields(item, ['to', 'types'], raw, 'PublicAssociationsForObject');
    const id = idOf(link.to, 'to', raw);
    const specs = parseSpecs(link.types, raw, 'types');
    // `types: []` creates the record and no association (docs/hubspot-fidelity.md §10.12).
    if (specs.length === 0) return [];
    const first = specs[0] === undefined ? undefined : state.labels.byId(specs[0].typeId);
    if (!first || first.fromTypeId !== type.id) {
      throw validationError(
        `associationTypeId ${specs[0]?.typeId} is not a valid association type from ${objectLabel(type)}`,
        { associationTypeId: [String(specs[0]?.typeId)] },
      );
    }
    const to = { type: resolveObjectType(first.toTypeId), id };
    // All types of one association must belong to the same pair; resolveSpecs checks each.
    const defs = state.associations.resolveSpecs(type, to.type, specs);
    if (!state.associations.exists(to.type, id)) {
      throw validationError('One or more associations are invalid', {
        INVALID_OBJECT_IDS: [`${objectLabel(to.type)}=${id} is not valid`],
      });
    }
    return [{ to, defs }];
  });
}

export function prepareCreate(
  state: PortalState,
  type: ObjectType,
  input: unknown,
  raw: string,
): PreparedCreate {
  const body = requireFields(input, ['properties'], raw, 'SimplePublicObjectInputForCreate');
  const trace = body.objectWriteTraceId;
  return {
    properties: validateProperties(type.id, body.properties),
    links: prepareLinks(state, type, body.associations, raw),
    ...(typeof trace === 'string' ? { objectWriteTraceId: trace } : {}),
  };
}

/** Creates the record and its associations, or nothing. */
export function commitCreate(state: PortalState, type: ObjectType, prepared: PreparedCreate): CrmObject {
  const object = state.objects.create(type.id, prepared.properties);
  try {
    for (const link of prepared.links) {
      state.associations.setTypes({ type, id: object.id }, link.to, link.defs);
    }
  } catch (error) {
    state.associations.forgetRecord(type, object.id);
    state.objects.archive(type.id, object.id);
    throw error;
  }
  return object;
}

/** The duplicate-email answer HubSpot gives before anything is written. */
export function emailConflict(state: PortalState, type: ObjectType, properties: Record<string, string>) {
  const email = properties.email;
  if (!email) return undefined;
  const existing = state.objects.byUniqueProperty(type.id, 'email', email);
  return existing
    ? conflict(`Contact already exists. Existing ID: ${existing.id}`, { existingId: [existing.id] })
    : undefined;
}

export function requireIdProperty(
  type: ObjectType,
  idProperty: string | null | undefined,
): string | undefined {
  if (!idProperty || idProperty === 'hs_object_id') return undefined;
  if (!isUniqueProperty(type.id, idProperty)) {
    throw validationError(
      `${idProperty} is not a unique identifier property of ${type.name}; use hs_object_id${type.id === '0-1' ? ' or email' : ''}`,
    );
  }
  return idProperty;
}

/** A live record by id or by a unique idProperty (email for contacts). */
export function findRecord(
  state: PortalState,
  type: ObjectType,
  id: string,
  idProperty?: string,
): CrmObject | undefined {
  if (idProperty) {
    const value = idProperty === 'email' ? normalizeEmail(id) : id;
    return state.objects.byUniqueProperty(type.id, idProperty, value);
  }
  return /^[0-9]{1,20}$/.test(id) ? state.objects.get(type.id, id) : undefined;
}
