import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Dispatcher } from 'undici';
import type { TokenProvider } from './auth.js';
import { CancelledError, HubSpotError, type HubSpotErrorBody } from './errors.js';
import type { RetryPolicy } from './retry.js';
import type { Limiter, RequestKind } from './throttle.js';

export interface HubSpotRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Built by the api modules from validated, encoded segments; never from raw input. */
  path: string;
  query?: Record<string, string | number | boolean | undefined | readonly string[]>;
  body?: unknown;
  kind?: RequestKind;
  /** False for calls that create something: an ambiguous failure is then not repeated. */
  idempotent?: boolean;
  /** Lower runs first (Bottleneck priority 0–9); retries jump the queue. */
  priority?: number;
}

export interface HubSpotResponse<T> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | undefined>;
}

export interface RateLimitStatus {
  max?: number;
  remaining?: number;
  intervalMs?: number;
  /** X-HubSpot-RateLimit-Daily: the account's requests per day. */
  daily?: number;
  dailyRemaining?: number;
}

export interface ClientStats {
  requests: number;
  retries: number;
  rateLimited: number;
}

export interface HubSpotClient {
  request<T>(req: HubSpotRequest): Promise<HubSpotResponse<T>>;
  readonly stats: Readonly<ClientStats>;
  readonly rateLimit: Readonly<RateLimitStatus>;
  /** The budget the throttle keeps to now; `notice` is set while it is degraded. */
  readonly budget: { perWindow: number; windowMs: number; notice?: string };
  /** The day's requests left: the replicas' shared count, else the last X-HubSpot-RateLimit-Daily-Remaining seen. */
  dailyRemaining(): Promise<number | undefined>;
  /**
   * Runs `work` so that every request it makes heeds `signal`: once it is aborted, a request still
   * waiting for the budget (or for a retry) is refused with CancelledError and never sent; one
   * already sent finishes. A long call therefore stops at its next batch boundary.
   */
  withSignal<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface ClientOptions {
  baseUrl: string;
  auth: TokenProvider;
  limiter: Limiter;
  retry: RetryPolicy;
  timeoutMs?: number;
  /** Follow X-HubSpot-RateLimit-Max (HUBSPOT_RATE_LIMIT=auto). */
  autoRateLimit?: boolean;
  /** For tests and proxies; by default a keep-alive undici Pool to baseUrl. */
  dispatcher?: Dispatcher;
  onRetry?: (info: {
    method: string;
    path: string;
    status: number;
    delayMs: number;
    attempt: number;
  }) => void;
}

const SAFE_PATH = /^\/[A-Za-z0-9/_\-.%]*$/;

function header(headers: HubSpotResponse<unknown>['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function num(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

function queryString(query: HubSpotRequest['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Refused because `signal` aborted: its reason (the job's says who stopped it) when it gave one. */
const cancelled = (signal: AbortSignal | undefined) =>
  new CancelledError(typeof signal?.reason === 'string' ? signal.reason : undefined);

/** One request pipeline for every HubSpot call: throttle → auth → undici → typed error → retry. */
export function createHubSpotClient(options: ClientOptions): HubSpotClient {
  const base = new URL(options.baseUrl);
  const prefix = base.pathname.replace(/\/$/, '');
  // undici loads on the first request, not at start-up: the server answers initialize and
  // tools/list sooner, and a process that never calls HubSpot never pays for it.
  let pool: Promise<Dispatcher> | undefined;
  const dispatcherFor = (): Promise<Dispatcher> => {
    if (options.dispatcher) return Promise.resolve(options.dispatcher);
    pool ??= import('undici').then(({ Pool }) => new Pool(base.origin, { connections: 16, pipelining: 1 }));
    return pool;
  };
  const timeoutMs = options.timeoutMs ?? 30_000;
  const stats: ClientStats = { requests: 0, retries: 0, rateLimited: 0 };
  const rateLimit: RateLimitStatus = {};
  // The signal of the call each request is made for (withSignal), per client: no module state.
  const calls = new AsyncLocalStorage<AbortSignal>();
  let closed = false;

  function observe(headers: HubSpotResponse<unknown>['headers']) {
    const max = num(header(headers, 'x-hubspot-ratelimit-max'));
    if (max === undefined) return;
    rateLimit.max = max;
    rateLimit.remaining = num(header(headers, 'x-hubspot-ratelimit-remaining'));
    rateLimit.intervalMs = num(header(headers, 'x-hubspot-ratelimit-interval-milliseconds'));
    rateLimit.daily = num(header(headers, 'x-hubspot-ratelimit-daily'));
    rateLimit.dailyRemaining = num(header(headers, 'x-hubspot-ratelimit-daily-remaining'));
    if (rateLimit.dailyRemaining !== undefined) options.limiter.observeDaily?.(rateLimit.dailyRemaining);
    // 'auto' follows HubSpot's budget both ways; a fixed budget is only ever lowered by it, so a
    // portal (or app) with a smaller allowance than configured is never pushed into 429s.
    const interval = rateLimit.intervalMs;
    const sameWindow = interval === undefined || interval === options.limiter.windowMs;
    if (sameWindow && (options.autoRateLimit || max < options.limiter.perWindow))
      options.limiter.observeMax(max);
  }

  async function once<T>(req: HubSpotRequest, token: string): Promise<HubSpotResponse<T>> {
    const path = `${prefix}${req.path}${queryString(req.query)}`;
    stats.requests++;
    let res: Dispatcher.ResponseData;
    try {
      const dispatcher = await dispatcherFor();
      res = await dispatcher.request({
        origin: base.origin,
        method: req.method,
        path,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(req.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
    } catch (cause) {
      // The message of a network error never includes our headers, so the token cannot leak here.
      const message = cause instanceof Error ? cause.message : String(cause);
      throw new HubSpotError(0, { message }, { method: req.method, path: req.path });
    }
    const headers = res.headers as HubSpotResponse<T>['headers'];
    observe(headers);
    const text = await res.body.text();
    let body: unknown;
    if (text.length > 0) {
      try {
        body = JSON.parse(text);
      } catch {
        body = { message: text.slice(0, 300) };
      }
    }
    if (res.statusCode >= 400) {
      throw new HubSpotError(
        res.statusCode,
        body as HubSpotErrorBody,
        { method: req.method, path: req.path },
        {
          retryAfterSeconds: num(header(headers, 'retry-after')),
          intervalMs: num(header(headers, 'x-hubspot-ratelimit-interval-milliseconds')),
        },
      );
    }
    return { status: res.statusCode, body: body as T, headers };
  }

  /**
   * The limiter's slot, or CancelledError as soon as `signal` aborts while the request still waits
   * for one (it is then never sent; its slot returns to the budget as any other).
   */
  function scheduled<T>(
    kind: RequestKind,
    send: () => Promise<T>,
    priority: number,
    signal: AbortSignal | undefined,
  ): Promise<T> {
    if (!signal) return options.limiter.schedule(kind, send, priority);
    return new Promise<T>((resolve, reject) => {
      let sent = false;
      const refuse = () => {
        if (!sent) reject(cancelled(signal));
      };
      signal.addEventListener('abort', refuse, { once: true });
      options.limiter
        .schedule(
          kind,
          () => {
            if (signal.aborted) return Promise.reject(cancelled(signal));
            sent = true;
            return send();
          },
          priority,
        )
        .then(resolve, reject)
        .finally(() => signal.removeEventListener('abort', refuse));
    });
  }

  async function request<T>(req: HubSpotRequest): Promise<HubSpotResponse<T>> {
    if (!SAFE_PATH.test(req.path) || req.path.includes('..')) {
      throw new Error(`refusing unsafe HubSpot path ${JSON.stringify(req.path)}`);
    }
    const signal = calls.getStore();
    const started = Date.now();
    let attempt = 0;
    let rateLimitRetries = 0;
    let refreshed = false;
    let priority = req.priority ?? 5;
    for (;;) {
      attempt++;
      if (closed) throw new CancelledError('the server is stopping');
      if (signal?.aborted) throw cancelled(signal);
      const token = await options.auth.token(); // outside the throttle: a refresh never queues
      try {
        return await scheduled(req.kind ?? 'default', () => once<T>(req, token), priority, signal);
      } catch (error) {
        // Requests still queued when the client closes are refused by the limiter: never sent.
        if (closed && !(error instanceof HubSpotError)) throw new CancelledError('the server is stopping');
        if (error instanceof CancelledError) throw error;
        if (error instanceof HubSpotError && error.status === 429) stats.rateLimited++;
        // An expired OAuth token (401 EXPIRED_AUTHENTICATION, docs/hubspot-fidelity.md §6): refresh
        // once and send again; the request was refused, so repeating it is safe. A static token
        // cannot be refreshed, so its 401 is final.
        if (error instanceof HubSpotError && error.status === 401 && options.auth.invalidate) {
          options.auth.invalidate();
          if (!refreshed) {
            refreshed = true;
            continue;
          }
        }
        const decision = options.retry.decide(error, {
          attempt,
          rateLimitRetries,
          elapsedMs: Date.now() - started,
          idempotent: req.idempotent ?? req.method !== 'POST',
        });
        if (!decision.retry) throw error;
        if (error instanceof HubSpotError && error.status === 429) rateLimitRetries++;
        stats.retries++;
        options.onRetry?.({
          method: req.method,
          path: req.path,
          status: error instanceof HubSpotError ? error.status : 0,
          delayMs: decision.delayMs,
          attempt,
        });
        priority = 0;
        try {
          await sleep(decision.delayMs, undefined, signal ? { signal } : undefined);
        } catch {
          throw cancelled(signal); // aborted while waiting to try again: the retry is not sent
        }
      }
    }
  }

  return {
    request,
    stats,
    rateLimit,
    get budget() {
      const { perWindow, windowMs, notice } = options.limiter;
      return { perWindow, windowMs, ...(notice ? { notice } : {}) };
    },
    async dailyRemaining() {
      return (await options.limiter.dailyRemaining?.()) ?? rateLimit.dailyRemaining;
    },
    withSignal: (signal, work) => calls.run(signal, work),
    async close() {
      closed = true;
      await options.limiter.stop();
      if (pool) await (await pool).close();
    },
  };
}
