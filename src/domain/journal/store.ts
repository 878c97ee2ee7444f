import { randomBytes } from 'node:crypto';
import type { Change } from './changes.js';

/** One write this server made, as HubSpot confirmed it. Nothing secret goes in. */
export interface ChangeEntry {
  changeId: string;
  tool: string;
  /** ISO time of the write. */
  at: string;
  /** The MCP client's name (clientInfo.name), when it gave one. */
  client?: string;
  /** Who made it (MCP_HTTP_AUTH=oauth: `hubId:userId:clientId`); list_changes and undo_change see only their own. */
  actor?: string;
  change: Change;
  /** Set when undone: the change that undid it. */
  undoneBy?: string;
  /** For an undo: the change it reverted. */
  undoOf?: string;
}

export interface ChangePage {
  entries: ChangeEntry[];
  nextCursor?: string;
}

/**
 * The change journal's storage, behind one small interface: memory, a file (below), or Redis when
 * replicas share it (src/redis/journalStore.ts).
 */
export interface JournalStore {
  append(entry: Omit<ChangeEntry, 'changeId' | 'at'> & { at?: string }): Promise<ChangeEntry>;
  /** Newest first; `cursor` continues after the last entry of the previous page. */
  list(options?: { limit?: number; cursor?: string }): Promise<ChangePage>;
  get(changeId: string): Promise<ChangeEntry | undefined>;
  markUndone(changeId: string, by: string): Promise<void>;
}

export interface RetentionOptions {
  /** Entries kept (newest); default 500. */
  maxEntries?: number;
  /** Entries older than this are dropped; default 90 days. */
  maxAgeDays?: number;
  /**
   * The newest entries are kept up to this many bytes of JSON (the newest always stays); default
   * 32 MiB. An import journals every pair it linked (~1 MB for 10,000), so count alone bounds nothing.
   */
  maxBytes?: number;
  now?: () => number;
}

export const JOURNAL_DEFAULTS = { maxEntries: 500, maxAgeDays: 90, maxBytes: 32 * 1024 * 1024 } as const;

/** An entry's size as stored: taken once, when it is written or read (stores keep it beside the entry). */
export const entryBytes = (entry: ChangeEntry) => Buffer.byteLength(JSON.stringify(entry));

/** Ids sort by time, then by order within one store: the newest change has the greatest id. */
export function idMaker(): (now: number) => string {
  let last = 0;
  let seq = 0;
  return (now) => {
    seq = now === last ? seq + 1 : 0;
    last = now;
    return `chg_${now.toString(36).padStart(9, '0')}${seq.toString(36).padStart(3, '0')}${randomBytes(3).toString('hex')}`;
  };
}

/** A new entry: its id and time from the store's clock. */
export function entryOf(
  input: Parameters<JournalStore['append']>[0],
  at: number,
  newId: (now: number) => string,
): ChangeEntry {
  return { ...input, changeId: newId(at), at: input.at ?? new Date(at).toISOString() };
}

/** One page of `all`, newest first. */
export function page(all: ChangeEntry[], options: { limit?: number; cursor?: string }): ChangePage {
  const limit = Math.max(1, Math.min(options.limit ?? 20, 100));
  const newestFirst = [...all].sort((a, b) => (a.changeId < b.changeId ? 1 : -1));
  const start = options.cursor ? newestFirst.findIndex((e) => e.changeId < (options.cursor as string)) : 0;
  if (start < 0) return { entries: [] };
  const entries = newestFirst.slice(start, start + limit);
  const last = entries.at(-1);
  return start + limit < newestFirst.length && last ? { entries, nextCursor: last.changeId } : { entries };
}

/** What readers see of `all` (oldest first): the newest within the count, age and size bounds. */
export function retained(
  all: ChangeEntry[],
  options: RetentionOptions,
  bytesOf: (entry: ChangeEntry) => number,
): ChangeEntry[] {
  const now = (options.now ?? Date.now)();
  const oldest = now - (options.maxAgeDays ?? JOURNAL_DEFAULTS.maxAgeDays) * 86_400_000;
  const young = all.filter((e) => Date.parse(e.at) >= oldest);
  const newest = young.slice(Math.max(0, young.length - (options.maxEntries ?? JOURNAL_DEFAULTS.maxEntries)));
  const maxBytes = options.maxBytes ?? JOURNAL_DEFAULTS.maxBytes;
  let bytes = 0;
  let from = newest.length;
  while (from > 0 && (from === newest.length || bytes + bytesOf(newest[from - 1]!) <= maxBytes))
    bytes += bytesOf(newest[--from]!);
  return newest.slice(from);
}

/**
 * In memory: the journal of a `--sandbox` run, gone with the process like the portal itself. Pruned
 * as it goes, oldest first, so recording a change costs the same whatever it holds.
 */
export function createMemoryJournal(options: RetentionOptions = {}): JournalStore {
  const entries: Array<{ entry: ChangeEntry; bytes: number }> = [];
  let bytes = 0;
  const now = options.now ?? Date.now;
  const newId = idMaker();
  const maxEntries = options.maxEntries ?? JOURNAL_DEFAULTS.maxEntries;
  const maxBytes = options.maxBytes ?? JOURNAL_DEFAULTS.maxBytes;
  const oldest = () => now() - (options.maxAgeDays ?? JOURNAL_DEFAULTS.maxAgeDays) * 86_400_000;
  /** Within the age bound too (count and size are kept on append). */
  const current = () => {
    const from = oldest();
    return entries.filter((e) => Date.parse(e.entry.at) >= from).map((e) => e.entry);
  };
  return {
    async append(input) {
      const entry = entryOf(input, now(), newId);
      const size = entryBytes(entry);
      entries.push({ entry, bytes: size });
      bytes += size;
      // The newest always stays, however large.
      while (entries.length > maxEntries || (entries.length > 1 && bytes > maxBytes))
        bytes -= entries.shift()!.bytes;
      return entry;
    },
    list: async (opts = {}) => page(current(), opts),
    get: async (id) => current().find((e) => e.changeId === id),
    async markUndone(id, by) {
      const entry = current().find((e) => e.changeId === id);
      if (entry) entry.undoneBy = by;
    },
  };
}
