import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { onShutdown } from '../../src/transports/shutdown.js';
import { quietLogger } from './fixtures.js';

function harness(close: (reason: string) => Promise<void>, timeoutMs?: number) {
  const signals = new EventEmitter();
  const exits: number[] = [];
  const handle = onShutdown(close, {
    logger: quietLogger().logger,
    signals: signals as unknown as Pick<NodeJS.Process, 'on' | 'off'>,
    exit: (code) => {
      exits.push(code);
    },
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
  });
  return { signals, exits, handle };
}

const tick = () => new Promise((r) => setTimeout(r, 10));

describe('onShutdown', () => {
  it.each(['SIGINT', 'SIGTERM'])('closes once on %s, then exits 0', async (signal) => {
    let closes = 0;
    const { signals, exits, handle } = harness(async () => {
      closes++;
    });
    signals.emit(signal);
    await handle.shutdown('again');
    expect(closes).toBe(1);
    expect(exits).toEqual([0]);
    handle.dispose();
    expect(signals.listenerCount(signal)).toBe(0);
  });

  it('exits at once on a second signal while closing', async () => {
    let release = () => {};
    const { signals, exits } = harness(() => new Promise<void>((resolve) => (release = resolve)));
    signals.emit('SIGINT');
    await tick();
    expect(exits).toEqual([]);
    signals.emit('SIGINT');
    expect(exits).toEqual([130]);
    release();
    await tick();
  });

  it('exits 1 when closing fails or hangs', async () => {
    const failing = harness(async () => {
      throw new Error('boom');
    });
    await failing.handle.shutdown('test');
    expect(failing.exits).toEqual([1]);

    const hanging = harness(() => new Promise<void>(() => {}), 20);
    await hanging.handle.shutdown('test');
    expect(hanging.exits).toEqual([1]);
  });

  it('tells close() the reason, and a caller may shorten the timeout for its own shutdown', async () => {
    const reasons: string[] = [];
    const { exits, handle } = harness(async (reason) => {
      reasons.push(reason);
      await new Promise<void>(() => {});
    }, 60_000);
    await handle.shutdown('stdin ended', { timeoutMs: 20 });
    expect(reasons).toEqual(['stdin ended']);
    expect(exits).toEqual([1]);
  });
});
