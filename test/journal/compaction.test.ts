import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Change } from '../../src/domain/journal/changes.js';
import { createFileJournal } from '../../src/domain/journal/fileJournal.js';

const WRITER = fileURLToPath(new URL('../helpers/journalWriter.ts', import.meta.url));

const change = (n: number, pairs = 1): Change => ({
  kind: 'associate',
  from: { id: '0-1', name: 'contacts' },
  to: { id: '0-2', name: 'companies' },
  pairs: Array.from({ length: pairs }, (_, i) => ({
    fromId: String(n * 100_000 + i),
    toId: '1',
    types: [{ category: 'HUBSPOT_DEFINED' as const, typeId: 279, label: null }],
  })),
});

/** The file's lines: every one must be whole JSON (a torn last line is allowed only after a crash). */
async function lines(dir: string): Promise<string[]> {
  const text = await readFile(join(dir, 'changes.jsonl'), 'utf8');
  return text.split('\n').filter((l) => l !== '');
}

describe('the file journal appends, and compacts only past twice its bounds', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });
  const dir = async () => {
    const d = await mkdtemp(join(tmpdir(), 'hsmcp-compact-'));
    dirs.push(d);
    return d;
  };

  it('readers see only the bound; the file holds at most twice it, then is compacted to it', async () => {
    const state = await dir();
    const journal = createFileJournal(state, { maxEntries: 5 });
    const ids: string[] = [];
    const sizes: number[] = [];
    for (let n = 0; n < 22; n++) {
      ids.push((await journal.append({ tool: 't', change: change(n) })).changeId);
      const listed = (await journal.list({ limit: 100 })).entries.map((e) => e.changeId);
      expect(listed).toEqual(ids.slice(-5).reverse());
      sizes.push((await lines(state)).length);
    }
    // Appended up to 10 lines, compacted to 5 on the 11th, and so on.
    expect(sizes).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 5, 6, 7, 8, 9, 10, 5, 6, 7, 8, 9, 10]);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(10);
    // An entry past the bound but still in the file is not found, as if it were gone.
    expect((await lines(state)).some((l) => l.includes(ids[12]!))).toBe(true);
    expect(await journal.get(ids[12]!)).toBeUndefined();
    expect((await journal.get(ids[17]!))?.changeId).toBe(ids[17]);
    // Undo marks are lines too; a compaction folds them into their entries.
    for (const id of ids.slice(-5)) await journal.markUndone(id, `undo-${id}`);
    const after = await lines(state);
    expect(after.length).toBeLessThanOrEqual(10);
    expect((await journal.list()).entries.map((e) => e.undoneBy)).toEqual(
      ids
        .slice(-5)
        .reverse()
        .map((id) => `undo-${id}`),
    );
  });

  it('and past twice the size bound; readers never see more than the size bound', async () => {
    const state = await dir();
    const maxBytes = 20_000; // an entry of 20 pairs is ~1.9 KB
    const journal = createFileJournal(state, { maxBytes });
    const ids: string[] = [];
    let compactions = 0;
    let last = 0;
    for (let n = 0; n < 60; n++) {
      ids.push((await journal.append({ tool: 't', change: change(n, 20) })).changeId);
      const size = (await stat(join(state, 'changes.jsonl'))).size;
      expect(size).toBeLessThanOrEqual(2 * maxBytes);
      if (size < last) compactions++;
      last = size;
      const listed = (await journal.list({ limit: 100 })).entries;
      const bytes = listed.reduce((sum, e) => sum + JSON.stringify({ entry: e }).length, 0);
      expect(bytes).toBeLessThanOrEqual(maxBytes);
      expect(listed.map((e) => e.changeId)).toEqual(ids.slice(-listed.length).reverse());
    }
    expect(compactions).toBeGreaterThanOrEqual(2); // 60 × ~1.9 KB through a 40 KB ceiling
  });

  it('concurrent appends from two processes’ stores: every line whole, none lost to a compaction', async () => {
    const state = await dir();
    const [a, b] = [
      createFileJournal(state, { maxEntries: 40 }),
      createFileJournal(state, { maxEntries: 40 }),
    ];
    const appended = await Promise.all(
      [a!, b!].map((journal) =>
        Promise.all(
          Array.from({ length: 150 }, async (_, n) => {
            const entry = await journal.append({ tool: 't', change: change(n) });
            if (n % 10 === 0) await journal.list(); // readers meanwhile
            return entry.changeId;
          }),
        ),
      ),
    );
    for (const line of await lines(state)) expect(() => JSON.parse(line)).not.toThrow();
    const kept = (await a!.list({ limit: 100 })).entries.map((e) => e.changeId);
    expect(kept).toHaveLength(40);
    // What each store appended, it appended in order: what is kept of it is its newest, none missing.
    for (const ids of appended) {
      const mine = kept.filter((id) => ids.includes(id)).sort();
      expect(mine).toEqual(ids.slice(ids.length - mine.length));
    }
    expect((await readdir(state)).sort()).toEqual(['changes.jsonl']); // no lock or temporary file left
  });

  it('a torn last line (a crash mid-append) does not swallow the next append', async () => {
    const state = await dir();
    const journal = createFileJournal(state);
    const first = await journal.append({ tool: 't', change: change(1) });
    await writeFile(
      join(state, 'changes.jsonl'),
      `${await readFile(join(state, 'changes.jsonl'), 'utf8')}{"entry":{"chan`,
    );
    const next = await journal.append({ tool: 't', change: change(2) });
    expect((await journal.list()).entries.map((e) => e.changeId)).toEqual([next.changeId, first.changeId]);
  });

  it('a process killed at any point, mid-compaction included, loses no acknowledged change', async () => {
    const state = await dir();
    const acked: string[] = [];
    // Changes of 2,000 pairs (~190 KB): with a bound of 4 the writer compacts ~1.5 MB every 5th append.
    for (const killAfterMs of [1_500, 1_900, 2_300]) {
      const child = spawn(process.execPath, ['--import', 'tsx', WRITER, state, '4', '2000'], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk;
      });
      const exited = new Promise((r) => child.once('exit', r));
      await new Promise((r) => setTimeout(r, killAfterMs));
      child.kill('SIGKILL');
      await exited;
      acked.push(...out.split('\n').filter((l) => l.startsWith('chg_')));
      // Whatever it was doing, the journal reads whole: the newest acknowledged changes are there.
      const kept = (await createFileJournal(state, { maxEntries: 4 }).list()).entries.map((e) => e.changeId);
      const unacked = kept.filter((id) => !acked.includes(id));
      expect(unacked.length).toBeLessThanOrEqual(1); // one append may have been written, not yet told
      expect(kept).toEqual(expect.arrayContaining(acked.slice(-(kept.length - unacked.length))));
      expect(kept.length).toBe(Math.min(4, acked.length + unacked.length));
    }
    expect(acked.length).toBeGreaterThan(5); // it got past a compaction
    // The next writer breaks the dead one's lock and clears a crashed compaction's temporary file.
    const survivor = createFileJournal(state, { maxEntries: 4 });
    for (let n = 0; n < 10; n++) await survivor.append({ tool: 't', change: change(n) });
    expect((await readdir(state)).sort()).toEqual(['changes.jsonl']);
  });
});
