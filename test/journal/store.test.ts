import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Change } from '../../src/domain/journal/changes.js';
import { createFileJournal } from '../../src/domain/journal/fileJournal.js';
import { createMemoryJournal } from '../../src/domain/journal/store.js';

const change = (n: number): Change => ({
  kind: 'limit',
  from: { id: '0-1', name: 'contacts' },
  to: { id: '0-2', name: 'companies' },
  type: { category: 'HUBSPOT_DEFINED', typeId: 279, label: null },
  before: n,
  after: n + 1,
});

describe('change journal storage', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });
  const dir = async () => {
    const d = await mkdtemp(join(tmpdir(), 'hsmcp-journal-'));
    dirs.push(d);
    return d;
  };

  it('a file journal is shared by every store on the directory (a restart, a shell), mode 0600', async () => {
    const state = await dir();
    const first = createFileJournal(state);
    const a = await first.append({ tool: 'set_association_limit', change: change(1), client: 'claude' });
    const b = await first.append({ tool: 'set_association_limit', change: change(2) });
    const again = createFileJournal(state); // a new process on the same state directory
    expect((await again.list()).entries.map((e) => e.changeId)).toEqual([b.changeId, a.changeId]);
    await again.markUndone(a.changeId, 'chg_x');
    expect((await first.get(a.changeId))?.undoneBy).toBe('chg_x');
    expect((await stat(join(state, 'changes.jsonl'))).mode & 0o777).toBe(0o600);
    expect(await readFile(join(state, 'changes.jsonl'), 'utf8')).not.toMatch(/token|secret/i);
  });

  it('keeps the newest entries within the count and age limits, and survives a torn last line', async () => {
    const state = await dir();
    let now = Date.parse('2026-12-01T00:00:00Z');
    const journal = createFileJournal(state, { maxEntries: 3, maxAgeDays: 1, now: () => now });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      now += 1_000;
      ids.push((await journal.append({ tool: 't', change: change(i) })).changeId);
    }
    expect((await journal.list()).entries.map((e) => e.changeId)).toEqual(ids.slice(2).reverse());
    await writeFile(
      join(state, 'changes.jsonl'),
      `${await readFile(join(state, 'changes.jsonl'), 'utf8')}{"entry":{"chan`,
    );
    expect((await journal.list()).entries).toHaveLength(3);
    now += 2 * 86_400_000;
    expect((await journal.list()).entries).toHaveLength(0);
  });

  it('keeps the newest entries within a size limit (an import journals every pair it linked)', async () => {
    // An entry with 1,000 pairs is ~70 KB: a 200 KB journal holds the newest two, and one entry
    // larger than the whole limit is still kept when it is the newest.
    const big = (n: number): Change => ({
      kind: 'associate',
      from: { id: '0-1', name: 'contacts' },
      to: { id: '0-2', name: 'companies' },
      pairs: Array.from({ length: 1_000 }, (_, i) => ({
        fromId: String(n * 10_000 + i),
        toId: '1',
        types: [{ category: 'HUBSPOT_DEFINED' as const, typeId: 279, label: null }],
      })),
    });
    for (const journal of [
      createMemoryJournal({ maxBytes: 200_000 }),
      createFileJournal(await dir(), { maxBytes: 200_000 }),
    ]) {
      const ids: string[] = [];
      for (let n = 0; n < 4; n++) ids.push((await journal.append({ tool: 't', change: big(n) })).changeId);
      expect((await journal.list()).entries.map((e) => e.changeId)).toEqual(ids.slice(2).reverse());
      const tiny = createMemoryJournal({ maxBytes: 10 });
      const only = await tiny.append({ tool: 't', change: big(9) });
      expect((await tiny.list()).entries.map((e) => e.changeId)).toEqual([only.changeId]);
    }
  });

  it('pages newest first with a cursor', async () => {
    const journal = createMemoryJournal();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await journal.append({ tool: 't', change: change(i) })).changeId);
    const first = await journal.list({ limit: 2 });
    const second = await journal.list({ limit: 2, cursor: first.nextCursor });
    const third = await journal.list({ limit: 2, cursor: second.nextCursor });
    expect([...first.entries, ...second.entries, ...third.entries].map((e) => e.changeId)).toEqual(
      [...ids].reverse(),
    );
    expect(third.nextCursor).toBeUndefined();
  });
});
