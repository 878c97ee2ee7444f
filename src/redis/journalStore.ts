import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import {
  type ChangeEntry,
  type ChangePage,
  entryOf,
  JOURNAL_DEFAULTS,
  type JournalStore,
  type RetentionOptions,
} from '../domain/journal/store.js';
import { JOURNAL_APPEND_LUA } from './journalScript.js';
import type { RedisKeys } from './keys.js';

type Client = Pick<Redis, 'multi' | 'hset' | 'hmget' | 'zrevrangebylex' | 'defineCommand'>;

/** Runs `commands` in one MULTI and returns their answers (any error fails the whole call). */
async function multi(redis: Client, commands: string[][]): Promise<unknown[]> {
  if (commands.length === 0) return [];
  const answers = (await redis.multi(commands).exec()) ?? [];
  return answers.map(([error, value]) => {
    if (error) throw error;
    return value;
  });
}

/** The smallest id of a given ms: ids begin with the time in base 36 (store.ts idMaker). */
const idAt = (ms: number) => `chg_${Math.max(0, ms).toString(36).padStart(9, '0')}`;

/**
 * The change journal in Redis, shared by every replica of one HubSpot app: entries in a hash, ids
 * in a sorted set ordered by id (= by time, then order), who undid what in a third hash so marking
 * is one atomic write. Kept within the same count, age and size bounds as the file journal by the
 * append itself (journalScript.ts), oldest first, at a cost that does not grow with the journal.
 */
export function createRedisJournal(
  redis: Client,
  keys: Pick<RedisKeys, 'journalIndex' | 'journalEntries' | 'journalUndone' | 'journalSeq' | 'journalBytes'>,
  options: RetentionOptions = {},
): JournalStore {
  const now = options.now ?? Date.now;
  // Ids sort by Redis's clock, then by one counter every replica shares, both read in one MULTI:
  // replicas with skewed clocks, or writing in the same millisecond, keep the order Redis saw.
  const newId = (ms: number, seq: number) =>
    `chg_${Math.max(0, ms).toString(36).padStart(9, '0')}${(seq % 36 ** 5).toString(36).padStart(5, '0')}${randomBytes(2).toString('hex')}`;
  const maxEntries = options.maxEntries ?? JOURNAL_DEFAULTS.maxEntries;
  const maxBytes = options.maxBytes ?? JOURNAL_DEFAULTS.maxBytes;
  const oldest = () => now() - (options.maxAgeDays ?? JOURNAL_DEFAULTS.maxAgeDays) * 86_400_000;

  redis.defineCommand('hubspotJournalAppend', { numberOfKeys: 4, lua: JOURNAL_APPEND_LUA });
  const appendScript = (
    redis as unknown as Record<string, (...args: Array<string | number>) => Promise<unknown>>
  ).hubspotJournalAppend!;

  async function read(ids: string[]): Promise<ChangeEntry[]> {
    if (ids.length === 0) return [];
    const [raw, undone] = await Promise.all([
      redis.hmget(keys.journalEntries, ...ids),
      redis.hmget(keys.journalUndone, ...ids),
    ]);
    const entries: ChangeEntry[] = [];
    raw.forEach((text, i) => {
      if (!text) return; // pruned by another replica between the two reads
      const entry = JSON.parse(text) as ChangeEntry;
      const by = undone[i];
      entries.push(by ? { ...entry, undoneBy: by } : entry);
    });
    return entries;
  }

  return {
    async append(input) {
      const [time, seq] = (await multi(redis, [['time'], ['incr', keys.journalSeq]])) as [
        [string, string],
        number,
      ];
      const at = options.now ? now() : Number(time[0]) * 1000 + Math.floor(Number(time[1]) / 1000);
      const entry = entryOf(input, at, (ms) => newId(ms, seq));
      await appendScript.call(
        redis,
        ...[keys.journalIndex, keys.journalEntries, keys.journalUndone, keys.journalBytes],
        ...[entry.changeId, JSON.stringify(entry), maxEntries, maxBytes, idAt(oldest())],
      );
      return entry;
    },
    async list(opts = {}): Promise<ChangePage> {
      const limit = Math.max(1, Math.min(opts.limit ?? 20, 100));
      const max = opts.cursor ? `(${opts.cursor}` : '+';
      const ids = await redis.zrevrangebylex(
        keys.journalIndex,
        max,
        `[${idAt(oldest())}`,
        'LIMIT',
        0,
        limit + 1,
      );
      const entries = await read(ids.slice(0, limit));
      const last = entries.at(-1);
      return ids.length > limit && last ? { entries, nextCursor: last.changeId } : { entries };
    },
    async get(changeId) {
      if (changeId < idAt(oldest())) return undefined; // past the age bound, as list sees it
      return (await read([changeId]))[0];
    },
    async markUndone(changeId, by) {
      await redis.hset(keys.journalUndone, changeId, by);
    },
  };
}
