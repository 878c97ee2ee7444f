import catalogue from '../data/association-types.json' with { type: 'json' };
import { ADVICE, InputError } from './errors.js';

/** A resolved object type: `id` goes into URLs, `name` is what people read. */
export interface ObjectType {
  id: string;
  name: string;
}

const IRREGULAR_SINGULARS: Record<string, string> = {
  companies: 'company',
  taxes: 'tax',
  postal_mail: 'postal_mail',
  communications: 'communication',
};

function singular(plural: string): string {
  return IRREGULAR_SINGULARS[plural] ?? plural.replace(/s$/, '');
}

/** HubSpot's object type table (docs/hubspot-api.md §7.1): plural name ↔ objectTypeId. */
export const OBJECT_TYPES: readonly ObjectType[] = Object.entries(catalogue.objectTypeIds)
  .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
  .map(([name, id]) => ({ id, name }));

const byName = new Map<string, ObjectType>();
const byId = new Map<string, ObjectType>();
for (const type of OBJECT_TYPES) {
  byName.set(type.name, type);
  byName.set(singular(type.name), type);
  byName.set(type.name.replace(/_/g, ''), type);
  byName.set(singular(type.name).replace(/_/g, ''), type);
  byId.set(type.id, type);
}

const TYPE_ID = /^[0-9]-[0-9]{1,12}$/;
const RECORD_ID = /^[0-9]{1,20}$/;

/**
 * Accepts a HubSpot name (singular or plural, any case), an object type id (`0-1`) or a custom
 * object id (`2-123`). Anything else is rejected before it can reach a URL.
 */
export function resolveObjectType(input: string, field = 'objectType'): ObjectType {
  const key = String(input).trim().toLowerCase();
  const named = byName.get(key) ?? byName.get(key.replace(/[\s-]/g, '_'));
  if (named) return named;
  if (TYPE_ID.test(key)) return byId.get(key) ?? { id: key, name: key };
  throw new InputError(
    field,
    `unknown object type ${JSON.stringify(String(input).slice(0, 40))}`,
    `use a standard object type (${OBJECT_TYPES.slice(0, 6)
      .map((t) => t.name)
      .join(', ')}, … or an id like '0-1') or ${ADVICE.customObjects}`,
  );
}

/** Record ids are decimal strings; numbers are accepted because HubSpot itself returns them. */
export function assertRecordId(input: string | number, field = 'id'): string {
  const id = String(input).trim();
  if (!RECORD_ID.test(id)) {
    throw new InputError(
      field,
      `invalid record id ${JSON.stringify(String(input).slice(0, 40))}`,
      'record ids are decimal strings such as "12345"; find them by searching the CRM',
    );
  }
  return id;
}

export function objectTypeName(idOrName: string): string {
  return byId.get(idOrName)?.name ?? byName.get(idOrName)?.name ?? idOrName;
}
