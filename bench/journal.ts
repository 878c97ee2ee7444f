/**
 * (g) What recording a change costs with an empty and a full change journal (issue 17, point 6), in
 * the file store and in Redis: single-pair `associate_records` calls through a real server against
 * the sandbox, one at a time (median of 20) and 300 at once (wall time, median of 3 rounds), and the
 * append alone (median of 20).
 * Full = the bound of 500 changes of 40 pairs each (~2.3 MB, as in the issue). For the file, also a
 * journal 30 lines short of twice the bound, so the 300 calls pay for one compaction, and the one
 * append that compacts a file at twice the bound, timed alone.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Sandbox, startSandbox } from 'hubspot-sandbox';
import type { Change } from '../src/domain/journal/changes.js';
import { createFileJournal } from '../src/domain/journal/fileJournal.js';
import type { JournalStore } from '../src/domain/journal/store.js';
import { connectRedis } from '../src/redis/connect.js';
import { createRedisJournal } from '../src/redis/journalStore.js';
import { redisKeys } from '../src/redis/keys.js';
import { callTool, connectInMemory } from '../test/helpers/connect.js';
import { startRedis } from '../test/helpers/redis.js';
import { log, median, round } from './util.js';

const SEQUENTIAL = 20;
const CONCURRENT = 300;
const ROUNDS = 3; // of the concurrent calls: the median is reported (the machine is shared)

/** A change as an import of 40 pairs journals it (~4.6 KB of JSON). */
const bulky = (n: number): Change => ({
  kind: 'associate',
  from: { id: '0-1', name: 'contacts' },
  to: { id: '0-2', name: 'companies' },
  pairs: Array.from({ length: 40 }, (_, i) => ({
    fromId: String(9_000_000_000 + n * 100 + i),
    toId: '9000000001',
    types: [{ category: 'HUBSPOT_DEFINED' as const, typeId: 279, label: null }],
  })),
});

async function fill(journal: JournalStore, entries: number): Promise<void> {
  for (let n = 0; n < entries; n += 50)
    await Promise.all(
      Array.from({ length: Math.min(50, entries - n) }, (_, i) =>
        journal.append({ tool: 'import_associations', change: bulky(n + i) }),
      ),
    );
}

async function measure(sandbox: Sandbox, journal: JournalStore, contacts: string[], company: string) {
  const mcp = await connectInMemory(sandbox, { journal, hubspot: { rateLimit: 100_000 } });
  try {
    const associate = (fromId: string) =>
      callTool(mcp.client, 'associate_records', {
        fromObjectType: 'contacts',
        toObjectType: 'companies',
        pairs: [{ fromId, toId: company }],
      });
    const one: number[] = [];
    for (const id of contacts.splice(0, SEQUENTIAL)) {
      const started = performance.now();
      const r = await associate(id);
      one.push(performance.now() - started);
      if (r.isError) throw new Error(r.text);
    }
    const rounds: number[] = [];
    let failed = 0;
    sandbox.log.reset();
    for (let round = 0; round < ROUNDS; round++) {
      await new Promise((r) => setTimeout(r, 20));
      const started = performance.now();
      const results = await Promise.all(contacts.splice(0, CONCURRENT).map(associate));
      rounds.push(performance.now() - started);
      failed += results.filter((r) => r.isError).length;
    }
    const append: number[] = [];
    for (let n = 0; n < SEQUENTIAL; n++) {
      const t = performance.now();
      await journal.append({ tool: 'associate_records', change: bulky(10_000 + n) });
      append.push(performance.now() - t);
    }
    return {
      oneCallMedianMs: round(median(one), 1),
      oneCallMaxMs: round(Math.max(...one), 1),
      concurrentCallsMs: Math.round(median(rounds)),
      concurrentRoundsMs: rounds.map(Math.round),
      concurrentHubSpotRequestsPerRound: sandbox.log.entries.length / ROUNDS,
      failedCalls: failed,
      appendMedianMs: round(median(append), 2),
    };
  } finally {
    await mcp.close();
  }
}

const ratio = (full: { oneCallMedianMs: number; concurrentCallsMs: number }, empty: typeof full) => ({
  oneCall: round(full.oneCallMedianMs / empty.oneCallMedianMs, 2),
  concurrent: round(full.concurrentCallsMs / empty.concurrentCallsMs, 2),
});

export async function benchJournal() {
  const sandbox = await startSandbox({ seed: false, rateLimit: 100_000, windowMs: 1_000 });
  const contacts = sandbox.portal
    .createObjects('contacts', 6 * (SEQUENTIAL + ROUNDS * CONCURRENT))
    .map((o) => o.id);
  const company = sandbox.portal.createObject('companies', { name: 'Bench' }).id;
  const redis = await startRedis();
  const handle = await connectRedis(redis.url);
  const dirs: string[] = [];
  const fileJournal = async (entries: number) => {
    const dir = await mkdtemp(join(tmpdir(), 'hsmcp-bench-journal-'));
    dirs.push(dir);
    const journal = createFileJournal(dir);
    await fill(journal, entries);
    return { journal, bytes: (await stat(join(dir, 'changes.jsonl')).catch(() => ({ size: 0 }))).size };
  };
  const redisJournal = async (entries: number) => {
    const journal = createRedisJournal(handle.client, redisKeys(`bench-journal-${entries}`));
    await fill(journal, entries);
    return { journal };
  };
  try {
    log('  file journal: empty, full (500), about to pass twice the bound…');
    const fileEmpty = await measure(sandbox, (await fileJournal(0)).journal, contacts, company);
    const full = await fileJournal(500);
    const fileFull = await measure(sandbox, full.journal, contacts, company);
    const fileCompacting = await measure(
      sandbox,
      (await fileJournal(1_000 - SEQUENTIAL - 30)).journal, // its first round passes 1,000 lines
      contacts,
      company,
    );
    const atTwice = (await fileJournal(1_000)).journal;
    const compacting = performance.now();
    await atTwice.append({ tool: 'associate_records', change: bulky(20_000) });
    const compactionAppendMs = round(performance.now() - compacting, 1);
    log('  Redis journal: empty, full (500)…');
    const redisEmpty = await measure(sandbox, (await redisJournal(0)).journal, contacts, company);
    const redisFull = await measure(sandbox, (await redisJournal(500)).journal, contacts, company);
    return {
      setup: {
        sequentialCalls: SEQUENTIAL,
        concurrentCalls: CONCURRENT,
        rounds: ROUNDS,
        fullEntries: 500,
        fullFileBytes: full.bytes,
      },
      file: {
        empty: fileEmpty,
        full: fileFull,
        fullPassingTwiceTheBound: fileCompacting,
        compactionAppendMs,
        ratioFullToEmpty: ratio(fileFull, fileEmpty),
      },
      redis: { empty: redisEmpty, full: redisFull, ratioFullToEmpty: ratio(redisFull, redisEmpty) },
    };
  } finally {
    await handle.close();
    await redis.stop();
    await sandbox.close();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  }
}
