import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { fileLock } from './fileLock.js';
import {
  type ChangeEntry,
  entryOf,
  idMaker,
  JOURNAL_DEFAULTS,
  type JournalStore,
  page,
  type RetentionOptions,
  retained,
} from './store.js';

type Line = { entry: ChangeEntry } | { undone: string; by: string };

/** The journal as the file holds it, oldest first, with each entry's line length (its size). */
async function load(file: string): Promise<{ all: ChangeEntry[]; bytesOf: (e: ChangeEntry) => number }> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  const bytes = new Map<string, number>();
  const byId = new Map<string, ChangeEntry>();
  for (const raw of text.split('\n')) {
    if (raw.trim() === '') continue;
    let line: Line;
    try {
      line = JSON.parse(raw) as Line;
    } catch {
      continue; // a torn line after a crash: the rest of the journal still counts
    }
    if ('entry' in line) {
      byId.set(line.entry.changeId, line.entry);
      bytes.set(line.entry.changeId, raw.length);
    } else {
      const target = byId.get(line.undone);
      if (target) target.undoneBy = line.by;
    }
  }
  return { all: [...byId.values()], bytesOf: (e) => bytes.get(e.changeId) ?? 0 };
}

/**
 * A JSON-lines file (`changes.jsonl` in the state directory, mode 0600), read afresh on every read
 * so a shell's `undo` and a running server see the same journal. Recording a change appends a line
 * (concurrent ones in one write) and costs the same whatever the file holds; readers see only what
 * the bounds keep (count, age, size: store.ts `retained`). The file is compacted to those bounds
 * when it passes twice the count or twice the size: written to a temporary file, synced, renamed
 * over the journal, so a crash at any point leaves the old file or the new one, whole. Writers of
 * every process take one lock file for an append or a compaction, so no append is lost to one.
 */
export function createFileJournal(dir: string, options: RetentionOptions = {}): JournalStore {
  const file = join(dir, 'changes.jsonl');
  const lock = fileLock(`${file}.lock`);
  const now = options.now ?? Date.now;
  const newId = idMaker();
  const maxLines = 2 * (options.maxEntries ?? JOURNAL_DEFAULTS.maxEntries);
  const maxSize = 2 * (options.maxBytes ?? JOURNAL_DEFAULTS.maxBytes);
  /** Lines in the file as this process knows them (other processes' appends count at compaction). */
  let lines: number | undefined;
  let pending: Array<{ text: string; done: (error?: unknown) => void }> = [];
  let draining = false;

  async function compact(): Promise<void> {
    const { all, bytesOf } = await load(file);
    const keep = retained(all, options, bytesOf);
    // Under the lock no other compaction runs: a temporary file left here is a crashed one's.
    for (const name of await readdir(dir))
      if (name.startsWith('changes.jsonl.') && name.endsWith('.tmp'))
        await unlink(join(dir, name)).catch(() => undefined);
    const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(keep.map((entry) => `${JSON.stringify({ entry })}\n`).join(''));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
    lines = keep.length;
  }

  /** Appends `texts` (whole lines) under the lock; compacts when the file passed twice its bounds. */
  async function write(texts: string[]): Promise<void> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await lock.with(async () => {
      const handle = await open(file, 'a+', 0o600);
      let size: number;
      try {
        const before = (await handle.stat()).size;
        // A torn last line (a crash mid-write) must not swallow the next one.
        const last = Buffer.alloc(1);
        if (before > 0) await handle.read(last, 0, 1, before - 1);
        const data = Buffer.from(`${before > 0 && last[0] !== 10 ? '\n' : ''}${texts.join('')}`);
        await handle.write(data);
        await handle.chmod(0o600);
        size = before + data.length;
      } finally {
        await handle.close();
      }
      // Counted once per process, then kept as it appends.
      lines = (lines ?? (await readFile(file, 'utf8')).split('\n').length - 1 - texts.length) + texts.length;
      if (lines > maxLines || size > maxSize) await compact();
    });
  }

  /** One write at a time; lines queued meanwhile go together in the next one. */
  function enqueue(line: Line): Promise<void> {
    return new Promise((resolve, reject) => {
      pending.push({ text: `${JSON.stringify(line)}\n`, done: (e) => (e ? reject(e) : resolve()) });
      if (draining) return;
      draining = true;
      void (async () => {
        while (pending.length > 0) {
          const batch = pending;
          pending = [];
          const error = await write(batch.map((p) => p.text)).then(
            () => undefined,
            (e: unknown) => e ?? new Error('journal write failed'),
          );
          for (const p of batch) p.done(error);
        }
        draining = false;
      })();
    });
  }

  const current = async () => {
    const { all, bytesOf } = await load(file);
    return retained(all, options, bytesOf);
  };

  return {
    async append(input) {
      const entry = entryOf(input, now(), newId);
      await enqueue({ entry });
      return entry;
    },
    list: async (opts = {}) => page(await current(), opts),
    get: async (id) => (await current()).find((e) => e.changeId === id),
    async markUndone(id, by) {
      await enqueue({ undone: id, by });
    },
  };
}
