import { setTimeout as sleep } from 'node:timers/promises';
import type { HubSpot } from '../../hubspot/index.js';
import type { ObjectType } from '../../hubspot/objectTypes.js';
import { createRecord, type FoundOrCreated, isAmbiguous, searchByKey } from './findOrCreate.js';

export interface RecordFinderOptions {
  /** How long a record this process created is remembered, covering HubSpot's search-index lag. */
  rememberMs?: number;
  /**
   * After a create whose answer was lost, how long search is re-checked for the record before
   * concluding it was never made (HubSpot's index lags writes by seconds, reportedly up to ~10 s).
   */
  settleMs?: number;
  /** Pause between those re-checks. */
  pollMs?: number;
  now?: () => number;
}

type Key = { propertyName: string; value: string };

/**
 * Find-or-create shared by every session of the process, creating each record at most once.
 * Concurrent calls for the same key (two contacts of one new company, an agent firing calls in
 * parallel) run one lookup and at most one create; a record created moments ago is found even
 * before HubSpot's search index shows it. A create with an ambiguous outcome (connection reset,
 * 5xx) is never blindly repeated: search is re-checked across the index lag, and the key stays
 * marked uncertain until that settles, so a later call (the agent's retry) waits for the same answer.
 */
export function createRecordFinder(hubspot: Pick<HubSpot, 'objects'>, options: RecordFinderOptions = {}) {
  const rememberMs = options.rememberMs ?? 120_000;
  const settleMs = options.settleMs ?? 10_000;
  const pollMs = options.pollMs ?? 1_000;
  const now = options.now ?? Date.now;
  const inflight = new Map<string, Promise<FoundOrCreated>>();
  const created = new Map<string, { id: string; at: number }>();
  /** Keys whose create may or may not have landed, since when. */
  const uncertain = new Map<string, number>();

  /** Searches until the record shows up or `since + settleMs` passes. */
  async function settle(type: ObjectType, key: Key, since: number): Promise<FoundOrCreated | undefined> {
    for (;;) {
      const ids = await searchByKey(hubspot, type, key).catch(() => []);
      const [oldest, ...others] = ids;
      if (oldest) return { id: oldest, status: 'found', duplicates: others };
      const left = since + settleMs - now();
      if (left <= 0) return undefined;
      await sleep(Math.min(pollMs, left));
    }
  }

  async function createOnce(
    k: string,
    type: ObjectType,
    key: Key,
    properties: Record<string, string>,
  ): Promise<FoundOrCreated> {
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await createRecord(hubspot, type, properties);
        if (result.status === 'created') created.set(k, { id: result.id, at: now() });
        return result;
      } catch (error) {
        if (!isAmbiguous(error)) throw error;
        const since = now();
        uncertain.set(k, since);
        const landed = await settle(type, key, since);
        uncertain.delete(k);
        if (landed) {
          created.set(k, { id: landed.id, at: now() });
          return { ...landed, status: 'created' };
        }
        // Search showed nothing for the whole window: the create never landed, so one more is safe.
        if (attempt >= 2) throw error;
      }
    }
  }

  async function resolve(
    k: string,
    type: ObjectType,
    key: Key,
    properties: Record<string, string>,
  ): Promise<FoundOrCreated> {
    const since = uncertain.get(k);
    if (since !== undefined) {
      const landed = await settle(type, key, since);
      uncertain.delete(k);
      if (landed) return landed;
    }
    const [oldest, ...others] = await searchByKey(hubspot, type, key);
    if (oldest) return { id: oldest, status: 'found', duplicates: others };
    const known = created.get(k);
    if (known) return { id: known.id, status: 'found', duplicates: [] };
    return createOnce(k, type, key, properties);
  }

  const keyOf = (type: ObjectType, key: Key) => `${type.id}|${key.propertyName}|${key.value.toLowerCase()}`;
  return {
    /** How long an ambiguous create is re-checked by search, and how often (bulk imports settle alike). */
    timing: { settleMs, pollMs, now },
    /** A record made outside findOrCreate (a bulk import): found by later calls despite the index lag. */
    remember(type: ObjectType, key: Key, id: string) {
      created.set(keyOf(type, key), { id, at: now() });
    },
    /** The id of a record this process made recently under that key, if any. */
    recall(type: ObjectType, key: Key): string | undefined {
      const entry = created.get(keyOf(type, key));
      return entry && now() - entry.at <= rememberMs ? entry.id : undefined;
    },
    async findOrCreate(
      type: ObjectType,
      key: Key,
      properties: Record<string, string>,
    ): Promise<FoundOrCreated> {
      const k = keyOf(type, key);
      const running = inflight.get(k);
      if (running) return { ...(await running), status: 'found' }; // the other caller's record
      for (const [old, entry] of created) if (now() - entry.at > rememberMs) created.delete(old);
      const task = resolve(k, type, key, properties);
      inflight.set(k, task);
      try {
        return await task;
      } finally {
        inflight.delete(k);
      }
    },
  };
}

export type RecordFinder = ReturnType<typeof createRecordFinder>;
