import { type Sandbox, type SandboxOptions, startSandbox } from 'hubspot-sandbox';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { type Call, caller } from '../sandbox/helpers.js';

/**
 * Starts something before every test (`each`, the default) or once before the enclosing describe
 * block, and stops it afterwards. Hooks a test file registers after this call run after the start
 * and before the stop. Returns a context whose properties read what the latest start returned;
 * reading one outside tests and hooks (e.g. while vitest collects the file) throws.
 */
export function useStarted<T extends object>(
  each: boolean | undefined,
  start: () => Promise<T>,
  stop: (value: T) => Promise<void>,
): Readonly<T> {
  let value: T | undefined;
  const [before, after] = (each ?? true) ? [beforeEach, afterEach] : [beforeAll, afterAll];
  before(async () => {
    value = await start();
  });
  after(async () => {
    const started = value;
    value = undefined;
    if (started !== undefined) await stop(started);
  });
  return new Proxy({} as T, {
    get(_, key) {
      if (value === undefined) throw new Error(`${String(key)} is only available inside tests and hooks`);
      return Reflect.get(value, key);
    },
  });
}

export interface UseSandboxOptions {
  sandbox?: SandboxOptions;
  /** A fresh sandbox for every test (default), or one for the whole describe block. */
  each?: boolean;
}

export interface SandboxContext {
  readonly sandbox: Sandbox;
  /** Calls the sandbox over real HTTP (see caller). */
  readonly call: Call;
}

/** A sandbox started before each test (or once) and closed after; read it through the context. */
export function useSandbox(options: UseSandboxOptions = {}): SandboxContext {
  return useStarted(
    options.each,
    async () => {
      const sandbox = await startSandbox(options.sandbox);
      return { sandbox, call: caller(sandbox) };
    },
    ({ sandbox }) => sandbox.close(),
  );
}
