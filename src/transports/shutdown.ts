import type { Logger } from '../logger.js';

export interface ShutdownOptions {
  logger: Logger;
  /** Injected in tests; process.exit otherwise. */
  exit?: (code: number) => void;
  /** Where signals come from; process otherwise. */
  signals?: Pick<NodeJS.Process, 'on' | 'off'>;
  /** Give up on a clean close after this long and exit 1. Default 10 s. */
  timeoutMs?: number;
}

export interface ShutdownHandle {
  /**
   * Close and exit 0 (1 if closing failed or took longer than `timeoutMs`, default the handle's).
   * Idempotent: a later call joins the first. `logged`: the caller has already logged the reason,
   * so "shutting down" is not logged again.
   */
  shutdown(reason: string, options?: { timeoutMs?: number; logged?: boolean }): Promise<void>;
  /** Remove the signal handlers (tests, or when the caller exits on its own). */
  dispose(): void;
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
/** 128 + signal number, as shells report a process killed by that signal. */
const SIGNAL_EXIT_CODE: Record<(typeof SIGNALS)[number], number> = { SIGINT: 130, SIGTERM: 143 };

/**
 * First SIGINT/SIGTERM: close transports and servers (`close` learns the reason), then exit 0. A
 * second signal means the user is done waiting: exit at once.
 */
export function onShutdown(
  close: (reason: string) => Promise<void>,
  options: ShutdownOptions,
): ShutdownHandle {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const source = options.signals ?? process;
  const log = options.logger;
  let pending: Promise<void> | undefined;

  const shutdown = (
    reason: string,
    overrides: { timeoutMs?: number; logged?: boolean } = {},
  ): Promise<void> => {
    const timeoutMs = overrides.timeoutMs ?? options.timeoutMs ?? 10_000;
    pending ??= (async () => {
      if (!overrides.logged) log.info('shutting down', { reason });
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
        timer.unref();
      });
      try {
        const outcome = await Promise.race([close(reason).then(() => 'closed' as const), timedOut]);
        if (outcome === 'timeout') {
          log.error(`shutdown did not finish within ${timeoutMs} ms; exiting anyway`);
          return exit(1);
        }
        exit(0);
      } catch (error) {
        log.error('shutdown failed', { error });
        exit(1);
      } finally {
        clearTimeout(timer);
      }
    })();
    return pending;
  };

  const handlers = SIGNALS.map((signal) => {
    const handler = () => {
      if (pending) {
        log.warning(`second ${signal}: exiting now`);
        return exit(SIGNAL_EXIT_CODE[signal]);
      }
      void shutdown(signal);
    };
    source.on(signal, handler);
    return [signal, handler] as const;
  });

  return {
    shutdown,
    dispose: () => {
      for (const [signal, handler] of handlers) source.off(signal, handler);
    },
  };
}
