import type { HubSpot } from '../hubspot/index.js';
import type { ObjectType } from '../hubspot/objectTypes.js';
import { type FoundOrCreated, findOrCreate } from './pairs.js';

export interface RecordFinderOptions {
  /** How long a record this process created is remembered, covering HubSpot's search-index lag. */
  rememberMs?: number;
  now?: () => number;
}

/**
 * Find-or-create shared by every session of the process. Concurrent calls for the same key (two
 * contacts of one new company, an agent firing calls in parallel) run one lookup and at most one
 * create; a record created moments ago is found even before HubSpot's search index shows it.
 */
export function createRecordFinder(hubspot: Pick<HubSpot, 'objects'>, options: RecordFinderOptions = {}) {
  const rememberMs = options.rememberMs ?? 120_000;
  const now = options.now ?? Date.now;
  const inflight = new Map<string, Promise<FoundOrCreated>>();
  const created = new Map<string, { id: string; at: number }>();

  return {
    async findOrCreate(
      type: ObjectType,
      key: { propertyName: string; value: string },
      properties: Record<string, string>,
    ): Promise<FoundOrCreated> {
      const k = `${type.id}|${key.propertyName}|${key.value.toLowerCase()}`;
      const running = inflight.get(k);
      if (running) return { ...(await running), status: 'found' }; // the other caller's record
      for (const [old, entry] of created) if (now() - entry.at > rememberMs) created.delete(old);
      const task = findOrCreate(hubspot, type, key, properties, created.get(k)?.id);
      inflight.set(k, task);
      try {
        const result = await task;
        if (result.status === 'created') created.set(k, { id: result.id, at: now() });
        return result;
      } finally {
        inflight.delete(k);
      }
    },
  };
}

export type RecordFinder = ReturnType<typeof createRecordFinder>;
