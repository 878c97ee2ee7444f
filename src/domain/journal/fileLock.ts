import { open, readFile, stat, unlink } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/** A holder that stopped (crashed, killed) leaves its lock behind; it is broken after this long at most. */
const STALE_MS = 30_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lock left by a process that is gone (its pid no longer runs), or held for far too long. */
async function stale(path: string): Promise<boolean> {
  const [text, info] = await Promise.all([
    readFile(path, 'utf8').catch(() => undefined),
    stat(path).catch(() => undefined),
  ]);
  if (text === undefined || info === undefined) return false; // released meanwhile: just try again
  const age = Date.now() - info.mtimeMs;
  const pid = Number(text);
  if (Number.isInteger(pid) && pid > 0) return !alive(pid) || age > STALE_MS;
  return age > 2_000; // created, but its pid not written yet (or never: the holder died in between)
}

/**
 * One writer at a time across processes (a running server, a shell's `undo`, an import): a file
 * created exclusively, holding its owner's pid, removed when done. Held for one append or one
 * compaction, so waiting is short; a lock whose owner died is broken.
 */
export function fileLock(path: string) {
  async function acquire(): Promise<void> {
    for (let wait = 1; ; wait = Math.min(wait * 2, 20)) {
      try {
        const handle = await open(path, 'wx', 0o600);
        try {
          await handle.writeFile(String(process.pid));
        } finally {
          await handle.close();
        }
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      if (await stale(path)) await unlink(path).catch(() => undefined);
      else await sleep(wait);
    }
  }
  return {
    async with<T>(fn: () => Promise<T>): Promise<T> {
      await acquire();
      try {
        return await fn();
      } finally {
        await unlink(path).catch(() => undefined);
      }
    },
  };
}
