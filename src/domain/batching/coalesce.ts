export interface CoalescerOptions {
  /** How long the first caller waits for others to join its batch. */
  windowMs?: number;
  /** A batch this large is sent at once. */
  maxItems?: number;
}

interface Waiter<R> {
  start: number;
  count: number;
  resolve(results: R[]): void;
  reject(error: unknown): void;
}

interface Pending<C, I, R> {
  context: C;
  items: I[];
  waiters: Array<Waiter<R>>;
  timer: NodeJS.Timeout;
}

/**
 * DataLoader-style coalescing: calls with the same key (operation, object-type pair, label) that
 * arrive within `windowMs` are sent as one batch, and each caller gets back exactly the results of
 * its own items. `run` must return one result per item, in item order.
 */
export function createCoalescer<C, I, R>(
  run: (context: C, items: I[]) => Promise<R[]>,
  options: CoalescerOptions = {},
) {
  const windowMs = options.windowMs ?? 5;
  const maxItems = options.maxItems ?? 2_000;
  const pending = new Map<string, Pending<C, I, R>>();

  function flush(key: string) {
    const batch = pending.get(key);
    if (!batch) return;
    pending.delete(key);
    clearTimeout(batch.timer);
    run(batch.context, batch.items).then(
      (results) => {
        for (const w of batch.waiters) w.resolve(results.slice(w.start, w.start + w.count));
      },
      (error: unknown) => {
        for (const w of batch.waiters) w.reject(error);
      },
    );
  }

  return {
    add(key: string, context: C, items: I[]): Promise<R[]> {
      if (items.length >= maxItems) return run(context, items); // already a full batch: no reason to wait
      let batch = pending.get(key);
      if (batch && batch.items.length + items.length > maxItems) {
        flush(key);
        batch = undefined;
      }
      if (!batch) {
        batch = { context, items: [], waiters: [], timer: setTimeout(() => flush(key), windowMs) };
        pending.set(key, batch);
      }
      const target = batch;
      return new Promise<R[]>((resolve, reject) => {
        target.waiters.push({ start: target.items.length, count: items.length, resolve, reject });
        target.items.push(...items);
        if (target.items.length >= maxItems) flush(key);
      });
    },
    /** Batches waiting for their window (for tests and shutdown). */
    pending: () => pending.size,
  };
}
