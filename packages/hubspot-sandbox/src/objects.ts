/** CRM records per object type, with ids in creation order and the contact email index. */
import { conflict } from './errors.js';
import { createdProperty, lastModifiedProperty, normalizeEmail } from './properties.js';
import type { CrmObject } from './types.js';

/**
 * Ids come from one portal-wide counter, above int32 like real HubSpot ids (clients that parse
 * them as 32-bit integers break here, not in production), and never shared between types, so a
 * company id sent as a contact id is caught.
 */
const FIRST_ID = 38_000_000_001;

const CONTACTS = '0-1';

interface TypeTable {
  live: Map<string, CrmObject>;
  archived: Map<string, CrmObject>;
  /** Live ids ascending; ids only grow, so insertion order is sorted; null after an archive. */
  order: string[] | null;
}

export interface ObjectStore {
  create(typeId: string, properties: Record<string, string>, at?: number): CrmObject;
  get(typeId: string, id: string): CrmObject | undefined;
  getArchived(typeId: string, id: string): CrmObject | undefined;
  has(typeId: string, id: string): boolean;
  /** Lookup by a unique property (email for contacts, hs_object_id for all). */
  byUniqueProperty(typeId: string, property: string, value: string): CrmObject | undefined;
  update(typeId: string, id: string, properties: Record<string, string>): CrmObject;
  archive(typeId: string, id: string): boolean;
  page(typeId: string, afterId: string | undefined, limit: number): { items: CrmObject[]; more: boolean };
  all(typeId: string): Iterable<CrmObject>;
  archivedAll(typeId: string): Iterable<CrmObject>;
  count(typeId: string): number;
}

/** Told of every write (values before and after; null when absent), e.g. to feed the search index. */
export type WriteListener = (
  typeId: string,
  object: CrmObject,
  before: Record<string, string> | null,
  after: Record<string, string> | null,
) => void;

export function createObjectStore(onWrite: WriteListener = () => {}): ObjectStore {
  const tables = new Map<string, TypeTable>();
  const emails = new Map<string, string>();
  let nextId = FIRST_ID;

  const table = (typeId: string): TypeTable => {
    let t = tables.get(typeId);
    if (!t) {
      t = { live: new Map(), archived: new Map(), order: [] };
      tables.set(typeId, t);
    }
    return t;
  };

  const claimEmail = (typeId: string, id: string | undefined, email: string | undefined) => {
    if (typeId !== CONTACTS || !email) return;
    const owner = emails.get(normalizeEmail(email));
    if (owner !== undefined && owner !== id) {
      throw conflict(`Contact already exists. Existing ID: ${owner}`, { existingId: [owner] });
    }
  };

  return {
    create(typeId, properties, at = Date.now()) {
      claimEmail(typeId, undefined, properties.email);
      const id = String(nextId++);
      const stamp = new Date(at).toISOString();
      const created = createdProperty(typeId);
      const object: CrmObject = {
        id,
        properties: {
          ...properties,
          [created]: properties[created] || stamp,
          hs_object_id: id,
          [lastModifiedProperty(typeId)]: stamp,
        },
        createdAt: stamp,
        updatedAt: stamp,
        archived: false,
      };
      const t = table(typeId);
      t.live.set(id, object);
      t.order?.push(id);
      if (typeId === CONTACTS && properties.email) emails.set(normalizeEmail(properties.email), id);
      onWrite(typeId, object, null, object.properties);
      return object;
    },

    get: (typeId, id) => tables.get(typeId)?.live.get(id),
    getArchived: (typeId, id) => tables.get(typeId)?.archived.get(id),
    has: (typeId, id) => tables.get(typeId)?.live.has(id) ?? false,

    byUniqueProperty(typeId, property, value) {
      if (property === 'hs_object_id') return tables.get(typeId)?.live.get(value);
      if (typeId === CONTACTS && property === 'email') {
        const id = emails.get(normalizeEmail(value));
        return id === undefined ? undefined : tables.get(typeId)?.live.get(id);
      }
      return undefined;
    },

    update(typeId, id, properties) {
      const object = tables.get(typeId)?.live.get(id);
      if (!object) throw new Error(`update of missing ${typeId} ${id}`);
      if ('email' in properties) claimEmail(typeId, id, properties.email);
      const before = { ...object.properties };
      const stamp = new Date().toISOString();
      if (typeId === CONTACTS && 'email' in properties) {
        if (object.properties.email) emails.delete(normalizeEmail(object.properties.email));
        if (properties.email) emails.set(normalizeEmail(properties.email), id);
      }
      for (const [name, value] of Object.entries(properties)) {
        // HubSpot clears a property written as an empty string.
        if (value === '') delete object.properties[name];
        else object.properties[name] = value;
      }
      object.properties[lastModifiedProperty(typeId)] = stamp;
      object.updatedAt = stamp;
      onWrite(typeId, object, before, object.properties);
      return object;
    },

    archive(typeId, id) {
      const t = tables.get(typeId);
      const object = t?.live.get(id);
      if (!t || !object) return false;
      t.live.delete(id);
      t.order = null;
      object.archived = true;
      object.archivedAt = new Date().toISOString();
      t.archived.set(id, object);
      if (typeId === CONTACTS && object.properties.email)
        emails.delete(normalizeEmail(object.properties.email));
      onWrite(typeId, object, object.properties, null);
      return true;
    },

    page(typeId, afterId, limit) {
      const t = tables.get(typeId);
      if (!t) return { items: [], more: false };
      t.order ??= [...t.live.keys()];
      const order = t.order;
      let start = 0;
      if (afterId !== undefined) {
        const after = Number(afterId);
        let hi = order.length;
        while (start < hi) {
          const mid = (start + hi) >>> 1;
          if (Number(order[mid]) <= after) start = mid + 1;
          else hi = mid;
        }
      }
      const items = order.slice(start, start + limit).map((id) => t.live.get(id)!);
      return { items, more: start + limit < order.length };
    },

    all: (typeId) => tables.get(typeId)?.live.values() ?? [],
    archivedAll: (typeId) => tables.get(typeId)?.archived.values() ?? [],
    count: (typeId) => tables.get(typeId)?.live.size ?? 0,
  };
}
