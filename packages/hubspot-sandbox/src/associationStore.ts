/**
 * Directed association edges: (fromType, fromId, toType) → toId → typeIds. It knows nothing of
 * inverses or rules (associations.ts mirrors each write); it keeps the counters those rules need.
 */

interface Bucket {
  targets: Map<string, Set<number>>;
  /** toIds sorted numerically; rebuilt lazily after membership changes so paging stays cheap. */
  sorted: string[] | null;
  /** typeId → number of targets carrying it (limit checks without scanning). */
  typeCounts: Map<number, number>;
}

export interface AssociationStore {
  types(fromType: string, fromId: string, toType: string, toId: string): ReadonlySet<number> | undefined;
  add(fromType: string, fromId: string, toType: string, toId: string, typeId: number): boolean;
  remove(fromType: string, fromId: string, toType: string, toId: string, typeId: number): boolean;
  /** Targets of one record toward one type, ordered by numeric id, starting after `afterId`. */
  page(
    fromType: string,
    fromId: string,
    toType: string,
    afterId: string | undefined,
    limit: number,
  ): { items: Array<[string, ReadonlySet<number>]>; more: boolean };
  /** How many records of toType the record is associated with. */
  count(fromType: string, fromId: string, toType: string): number;
  /** How many of the record's targets carry typeId. */
  countWithType(fromType: string, fromId: string, toType: string, typeId: number): number;
  /** Targets carrying typeId (for moving single-valued labels such as Primary). */
  targetsWithType(fromType: string, fromId: string, toType: string, typeId: number): string[];
  /** Number of directed edges carrying typeId anywhere in the portal. */
  usage(typeId: number): number;
  /** Every edge leaving the record, for archiving it. */
  edgesFrom(type: string, id: string): Array<{ toType: string; toId: string; typeIds: number[] }>;
  /** Directed (record, record) pairs with at least one type. */
  size(): number;
}

const bucketKey = (fromType: string, fromId: string, toType: string) => `${fromType}|${fromId}|${toType}`;
const recordKey = (type: string, id: string) => `${type}|${id}`;

function firstAfter(sorted: string[], afterId: string): number {
  const after = Number(afterId);
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (Number(sorted[mid]) <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function createAssociationStore(): AssociationStore {
  const buckets = new Map<string, Bucket>();
  /** record → toTypes it has buckets for. */
  const outgoing = new Map<string, Set<string>>();
  const usage = new Map<number, number>();
  let pairs = 0;

  const bump = (map: Map<number, number>, key: number, delta: number) => {
    const next = (map.get(key) ?? 0) + delta;
    if (next === 0) map.delete(key);
    else map.set(key, next);
  };

  return {
    types(fromType, fromId, toType, toId) {
      return buckets.get(bucketKey(fromType, fromId, toType))?.targets.get(toId);
    },

    add(fromType, fromId, toType, toId, typeId) {
      const key = bucketKey(fromType, fromId, toType);
      let bucket = buckets.get(key);
      if (!bucket) {
        bucket = { targets: new Map(), sorted: null, typeCounts: new Map() };
        buckets.set(key, bucket);
        const rk = recordKey(fromType, fromId);
        const set = outgoing.get(rk) ?? new Set();
        set.add(toType);
        outgoing.set(rk, set);
      }
      let set = bucket.targets.get(toId);
      if (!set) {
        set = new Set();
        bucket.targets.set(toId, set);
        bucket.sorted = null;
        pairs++;
      }
      if (set.has(typeId)) return false;
      set.add(typeId);
      bump(bucket.typeCounts, typeId, 1);
      bump(usage, typeId, 1);
      return true;
    },

    remove(fromType, fromId, toType, toId, typeId) {
      const key = bucketKey(fromType, fromId, toType);
      const bucket = buckets.get(key);
      const set = bucket?.targets.get(toId);
      if (!bucket || !set?.delete(typeId)) return false;
      bump(bucket.typeCounts, typeId, -1);
      bump(usage, typeId, -1);
      if (set.size === 0) {
        bucket.targets.delete(toId);
        bucket.sorted = null;
        pairs--;
        if (bucket.targets.size === 0) {
          buckets.delete(key);
          const rk = recordKey(fromType, fromId);
          outgoing.get(rk)?.delete(toType);
          if (outgoing.get(rk)?.size === 0) outgoing.delete(rk);
        }
      }
      return true;
    },

    page(fromType, fromId, toType, afterId, limit) {
      const bucket = buckets.get(bucketKey(fromType, fromId, toType));
      if (!bucket) return { items: [], more: false };
      bucket.sorted ??= [...bucket.targets.keys()].sort((a, b) => Number(a) - Number(b));
      const start = afterId === undefined ? 0 : firstAfter(bucket.sorted, afterId);
      const ids = bucket.sorted.slice(start, start + limit);
      return {
        items: ids.map((id) => [id, bucket.targets.get(id)!] as [string, ReadonlySet<number>]),
        more: start + limit < bucket.sorted.length,
      };
    },

    count: (fromType, fromId, toType) => buckets.get(bucketKey(fromType, fromId, toType))?.targets.size ?? 0,

    countWithType(fromType, fromId, toType, typeId) {
      return buckets.get(bucketKey(fromType, fromId, toType))?.typeCounts.get(typeId) ?? 0;
    },

    targetsWithType(fromType, fromId, toType, typeId) {
      const bucket = buckets.get(bucketKey(fromType, fromId, toType));
      if (!bucket?.typeCounts.get(typeId)) return [];
      return [...bucket.targets].filter(([, set]) => set.has(typeId)).map(([id]) => id);
    },

    usage: (typeId) => usage.get(typeId) ?? 0,

    edgesFrom(type, id) {
      const edges: Array<{ toType: string; toId: string; typeIds: number[] }> = [];
      for (const toType of outgoing.get(recordKey(type, id)) ?? []) {
        for (const [toId, set] of buckets.get(bucketKey(type, id, toType))?.targets ?? []) {
          edges.push({ toType, toId, typeIds: [...set] });
        }
      }
      return edges;
    },

    size: () => pairs,
  };
}
