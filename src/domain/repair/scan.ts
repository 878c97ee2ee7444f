import type { ObjectType } from '../../hubspot/objectTypes.js';
import type { AssociatedObject } from '../../hubspot/types.js';
import { readAssociations } from '../associations/read.js';
import { BATCH } from '../batching/chunks.js';
import type { Apis } from './meter.js';

export interface ScannedRecord {
  id: string;
  properties: Record<string, string | null>;
  /** Its associations to the scan's `to` type, each with its type set (empty: an orphan). */
  links: AssociatedObject[];
}

export interface ScanOptions {
  from: ObjectType;
  /** Read each record's associations to this type (omit for the records alone). */
  to?: ObjectType;
  properties: string[];
  maxRecords?: number;
  signal?: AbortSignal;
  /** Each chunk of up to 1,000 records with their links, in id order. Returning true stops the scan. */
  onChunk(records: ScannedRecord[]): unknown;
}

/**
 * Streams every record of `from` (list pages of 100) and, per 1,000 ids, their associations to `to`
 * (one batch read, following each record's own paging): memory holds one chunk, whatever the portal's
 * size. An abort stops it at the next request boundary.
 */
export async function scanRecords(
  hubspot: Apis,
  o: ScanOptions,
): Promise<{ scanned: number; complete: boolean }> {
  const max = o.maxRecords ?? Number.POSITIVE_INFINITY;
  let scanned = 0;
  let processed = 0;
  let after: string | undefined;
  let buffer: ScannedRecord[] = [];
  let stopped = false;
  const flush = async (records: ScannedRecord[]) => {
    if (records.length === 0 || stopped) return;
    o.signal?.throwIfAborted();
    if (o.to) {
      const byId = new Map(records.map((r) => [r.id, r]));
      await readAssociations(
        hubspot,
        o.from,
        o.to,
        records.map((r) => ({ id: r.id })),
        {
          onPage(fromId, to) {
            byId.get(fromId)?.links.push(...to.filter((t) => t.types.length > 0));
          },
        },
      );
    }
    processed += records.length;
    if ((await o.onChunk(records)) === true) stopped = true;
  };
  do {
    o.signal?.throwIfAborted();
    const page = await hubspot.objects.list(o.from, {
      limit: Math.min(100, max - scanned),
      after,
      properties: o.properties,
    });
    const records = page.results.slice(0, max - scanned);
    scanned += records.length;
    after = page.after;
    buffer.push(...records.map((r) => ({ id: r.id, properties: r.properties, links: [] })));
    if (buffer.length >= BATCH.read) {
      const chunk = buffer.slice(0, BATCH.read);
      buffer = buffer.slice(BATCH.read);
      await flush(chunk);
    }
  } while (after && scanned < max && !stopped);
  await flush(buffer);
  return { scanned: processed, complete: !after && !stopped };
}

/**
 * Progress over the records a repair or audit scans: the total is counted up front with one search
 * per type (its `total`; 0 if search fails), and never shown below what was done.
 */
export async function scanProgress(
  hubspot: Apis,
  types: ObjectType[],
  onProgress?: (done: number, total: number) => void,
  maxRecords?: number,
): Promise<(n: number) => void> {
  if (!onProgress) return () => {};
  let total = 0;
  for (const t of types) {
    const n = (await hubspot.objects.search(t, { limit: 1 }).catch(() => ({ total: 0 }))).total;
    total += t === types.at(-1) && maxRecords !== undefined ? Math.min(n, maxRecords) : n;
  }
  let done = 0;
  return (n) => {
    done += n;
    onProgress(done, Math.max(done, total));
  };
}
