import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../src/domain/journal/changes.js';
import { connectRedis, type RedisHandle } from '../../src/redis/connect.js';
import { createRedisJournal } from '../../src/redis/journalStore.js';
import { redisKeys } from '../../src/redis/keys.js';
import { type RedisServer, startRedis } from '../helpers/redis.js';

const change = (n: number) =>
  ({
    kind: 'associate',
    from: 'contacts',
    to: 'companies',
    pairs: [{ fromId: String(n), toId: '1' }],
  }) as unknown as Change;

describe('the change journal in Redis (real redis-server)', () => {
  let redis: RedisServer;
  let handles: RedisHandle[];

  beforeAll(async () => {
    redis = await startRedis();
    handles = await Promise.all([connectRedis(redis.url), connectRedis(redis.url)]);
  });
  afterAll(async () => {
    await Promise.all(handles.map((h) => h.close()));
    await redis?.stop();
  });

  it('two replicas see one journal: newest first, paged, pruned by count, undo marks shared', async () => {
    const keys = redisKeys('token-a');
    const [a, b] = handles.map((h) => createRedisJournal(h.client, keys, { maxEntries: 4 }));
    const ids: string[] = [];
    for (let n = 0; n < 6; n++)
      ids.push((await (n % 2 ? a! : b!).append({ tool: 'associate_records', change: change(n) })).changeId);
    const first = await a!.list({ limit: 3 });
    expect(first.entries.map((e) => e.changeId)).toEqual(ids.slice(3).reverse());
    const second = await b!.list({ limit: 3, cursor: first.nextCursor });
    expect(second.entries.map((e) => e.changeId)).toEqual([ids[2]]);
    expect(second.nextCursor).toBeUndefined();
    expect(await a!.get(ids[0]!)).toBeUndefined(); // pruned: only the newest 4 are kept
    await b!.markUndone(ids[5]!, 'chg_undo');
    expect((await a!.get(ids[5]!))?.undoneBy).toBe('chg_undo');
  });

  it('prunes by size, newest kept, as the file journal does', async () => {
    const keys = redisKeys('token-size');
    const journal = createRedisJournal(handles[0]!.client, keys, { maxBytes: 200_000 });
    const big = (n: number) =>
      ({
        kind: 'associate',
        from: { id: '0-1', name: 'contacts' },
        to: { id: '0-2', name: 'companies' },
        pairs: Array.from({ length: 1_000 }, (_, i) => ({
          fromId: String(n * 10_000 + i),
          toId: '1',
          types: [],
        })),
      }) as unknown as Change;
    const ids: string[] = [];
    for (let n = 0; n < 6; n++) ids.push((await journal.append({ tool: 't', change: big(n) })).changeId);
    const kept = (await journal.list()).entries.map((e) => e.changeId);
    expect(kept.length).toBeGreaterThanOrEqual(2);
    expect(kept.length).toBeLessThan(6);
    expect(kept).toEqual(ids.slice(6 - kept.length).reverse());
    expect(await journal.get(ids[0]!)).toBeUndefined();
  });

  it('prunes by age and keeps another app’s journal apart', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const keys = redisKeys('token-b');
    const journal = createRedisJournal(handles[0]!.client, keys, { maxAgeDays: 1, now: () => now });
    const old = await journal.append({ tool: 'associate_records', change: change(1) });
    now += 2 * 86_400_000;
    const fresh = await journal.append({ tool: 'associate_records', change: change(2) });
    expect((await journal.list()).entries.map((e) => e.changeId)).toEqual([fresh.changeId]);
    expect(await journal.get(old.changeId)).toBeUndefined();
    const other = createRedisJournal(handles[0]!.client, redisKeys('token-c'));
    expect((await other.list()).entries).toEqual([]);
  });
  it('each append prunes only what the bounds no longer admit; the size counter stays exact (and is rebuilt)', async () => {
    const keys = redisKeys('token-counter');
    const [a, b] = handles.map((h) => createRedisJournal(h.client, keys, { maxEntries: 10 }));
    const appended = await Promise.all(
      Array.from({ length: 40 }, (_, n) => (n % 2 ? a! : b!).append({ tool: 't', change: change(n) })),
    );
    const sizes = () =>
      redis
        .cli('ZRANGE', keys.journalIndex, '0', '-1')
        .split('\n')
        .filter(Boolean)
        .map((id) => Number(redis.cli('HSTRLEN', keys.journalEntries, id)));
    expect(redis.cli('ZCARD', keys.journalIndex)).toBe('10');
    expect(redis.cli('HLEN', keys.journalEntries)).toBe('10');
    const total = sizes().reduce((x, y) => x + y, 0);
    expect(Number(redis.cli('GET', keys.journalBytes))).toBe(total);
    const newest = appended
      .map((e) => e.changeId)
      .sort()
      .slice(-10);
    expect((await a!.list({ limit: 100 })).entries.map((e) => e.changeId)).toEqual([...newest].reverse());
    // A journal an older version wrote has no counter: the next append counts it once, then prunes by size.
    redis.cli('DEL', keys.journalBytes);
    const smaller = createRedisJournal(handles[0]!.client, keys, {
      maxEntries: 10,
      maxBytes: Math.floor(total / 2),
    });
    await smaller.append({ tool: 't', change: change(99) });
    const after = sizes();
    expect(after.reduce((x, y) => x + y, 0)).toBeLessThanOrEqual(Math.floor(total / 2));
    expect(Number(redis.cli('GET', keys.journalBytes))).toBe(after.reduce((x, y) => x + y, 0));
    expect(after.length).toBeGreaterThan(1);
  });
});
