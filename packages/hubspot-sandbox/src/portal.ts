/** The portal's state and the direct-access facade tests use (no HTTP, no rate limit). */

import { createAssociationStore } from './associationStore.js';
import { type AssociationService, createAssociationService } from './associations.js';
import { createLabelRegistry, type LabelInput, type LabelRegistry } from './labels.js';
import { createLimitStore, type LimitStore } from './limits.js';
import { createObjectStore, type ObjectStore } from './objects.js';
import { type ObjectType, resolveObjectType } from './objectTypes.js';
import { normalizeEmail } from './properties.js';
import type { RateLimiter, RateLimitSettings } from './rateLimit.js';
import { createSearchIndex, type SearchIndex } from './searchIndex.js';
import type { AssociatedRecord, AssociationTypeDef, CrmObject, LimitConfig } from './types.js';

/** Everything the routes work on. */
export interface PortalState {
  objects: ObjectStore;
  /** What CRM search sees (it lags writes when a search lag is set). */
  search: SearchIndex;
  labels: LabelRegistry;
  limits: LimitStore;
  associations: AssociationService;
  limiter: RateLimiter;
  /** userIds for which a high-usage report was requested. */
  reports: number[];
  batchReadPageSize: number;
  /** Number of directed record pairs with at least one association. */
  associationCount(): number;
}

export type PropertyValues = Record<string, string | number | boolean | null | undefined>;

export interface Portal {
  createObject(objectType: string, properties?: PropertyValues): CrmObject;
  /** Bulk seeding for benchmarks: makeProps(i) for i in 0..n-1. */
  createObjects(objectType: string, n: number, makeProps?: (i: number) => PropertyValues): CrmObject[];
  getObject(objectType: string, id: string): CrmObject | undefined;
  findObjects(objectType: string, predicate?: (object: CrmObject) => boolean): CrmObject[];
  countObjects(objectType: string): number;
  archiveObject(objectType: string, id: string): boolean;
  /** Writes the labels (typeIds) plus the unlabeled type, like PUT R1; returns the labels. */
  associate(fromType: string, fromId: string, toType: string, toId: string, typeIds?: number[]): string[];
  associations(fromType: string, fromId: string, toType: string): AssociatedRecord[];
  /** Directed record pairs with at least one association (each link counts in both directions). */
  countAssociations(): number;
  labels(fromType: string, toType: string): AssociationTypeDef[];
  createLabel(fromType: string, toType: string, input: LabelInput): AssociationTypeDef[];
  limits(fromType?: string, toType?: string): LimitConfig[];
  /** Creates or updates the limit for a typeId of the pair. */
  setLimit(fromType: string, toType: string, typeId: number, maxToObjectIds: number): LimitConfig;
  setRateLimit(max: number, windowMs?: number): void;
  /** How long CRM search lags writes, in ms (0: no lag). */
  setSearchLag(ms: number): void;
  rateLimit(): Readonly<RateLimitSettings>;
  /** userIds of high-usage reports requested so far. */
  highUsageReports(): readonly number[];
}

const copy = (o: CrmObject): CrmObject => ({ ...o, properties: { ...o.properties } });

function toStrings(values: PropertyValues): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    if (value === null || value === undefined) continue;
    out[name] = name === 'email' ? normalizeEmail(String(value)) : String(value);
  }
  return out;
}

export interface PortalSettings {
  limiter: RateLimiter;
  batchReadPageSize: number;
  /** Custom labels allowed per object pair. */
  labelLimit: number;
}

export function createPortalState({ limiter, batchReadPageSize, labelLimit }: PortalSettings): PortalState {
  const search = createSearchIndex();
  const objects = createObjectStore(search.record);
  const labels = createLabelRegistry(labelLimit);
  const limits = createLimitStore(labels);
  const store = createAssociationStore();
  return {
    objects,
    search,
    labels,
    limits,
    associations: createAssociationService(objects, labels, limits, store),
    limiter,
    reports: [],
    batchReadPageSize,
    associationCount: () => store.size(),
  };
}

export function createPortal(state: PortalState): Portal {
  const type = (name: string): ObjectType => resolveObjectType(name);
  const { objects, labels, limits, associations } = state;

  return {
    createObject: (objectType, properties = {}) =>
      copy(objects.create(type(objectType).id, toStrings(properties))),
    createObjects(objectType, n, makeProps = () => ({})) {
      const typeId = type(objectType).id;
      return Array.from({ length: n }, (_, i) => copy(objects.create(typeId, toStrings(makeProps(i)))));
    },
    getObject(objectType, id) {
      const object = objects.get(type(objectType).id, id);
      return object && copy(object);
    },
    findObjects(objectType, predicate = () => true) {
      return [...objects.all(type(objectType).id)].filter(predicate).map(copy);
    },
    countObjects: (objectType) => objects.count(type(objectType).id),
    archiveObject(objectType, id) {
      const t = type(objectType);
      if (!objects.archive(t.id, id)) return false;
      associations.forgetRecord(t, id);
      return true;
    },
    associate(fromType, fromId, toType, toId, typeIds = []) {
      const from = type(fromType);
      const to = type(toType);
      const defs = typeIds.map((typeId) => {
        const def = labels.find(from.id, to.id, typeId);
        if (!def)
          throw new RangeError(`association type ${typeId} does not exist from ${from.name} to ${to.name}`);
        return def;
      });
      return associations.setTypes({ type: from, id: fromId }, { type: to, id: toId }, defs);
    },
    associations(fromType, fromId, toType) {
      const page = associations.page(
        { type: type(fromType), id: fromId },
        type(toType),
        undefined,
        Number.MAX_SAFE_INTEGER,
      );
      return page.items;
    },
    countAssociations: () => state.associationCount(),
    labels: (fromType, toType) => labels.forPair(type(fromType).id, type(toType).id).map((d) => ({ ...d })),
    createLabel: (fromType, toType, input) =>
      labels.create(type(fromType), type(toType), input).map((d) => ({ ...d })),
    limits: (fromType, toType) =>
      limits.list(
        fromType === undefined ? undefined : type(fromType).id,
        toType === undefined ? undefined : type(toType).id,
      ),
    setLimit(fromType, toType, typeId, maxToObjectIds) {
      const from = type(fromType);
      const to = type(toType);
      const category = labels.find(from.id, to.id, typeId)?.category ?? 'USER_DEFINED';
      const input = { category, typeId, maxToObjectIds };
      return limits.get(from.id, to.id, typeId)
        ? limits.update(from, to, input)
        : limits.create(from, to, input);
    },
    setRateLimit: (max, windowMs) => state.limiter.setLimit(max, windowMs),
    setSearchLag: (ms) => state.search.setLag(ms),
    rateLimit: () => state.limiter.settings(),
    highUsageReports: () => [...state.reports],
  };
}
