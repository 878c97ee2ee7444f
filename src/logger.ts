import { AsyncLocalStorage } from 'node:async_hooks';
import type { LogLevel } from './config.js';

export type { LogLevel };

/**
 * Who a record belongs to: the MCP session (owner) and request whose handling produced it. Records
 * logged outside any scope are process-wide and go to stderr only, never to a client.
 */
export interface LogScope {
  /** An opaque identity: compared by reference, never serialized. */
  owner: object;
  requestId?: string | number;
}

/**
 * One log record, already redacted. Listeners receive it without error stacks, so it is safe to
 * forward to the MCP client that owns it.
 */
export interface LogRecord {
  time: string;
  level: LogLevel;
  /** Dotted component name, e.g. `hubspot-associations-mcp.http`. */
  logger: string;
  message: string;
  data?: unknown;
}

export interface Logger {
  debug(message: string, data?: unknown): void;
  info(message: string, data?: unknown): void;
  warning(message: string, data?: unknown): void;
  error(message: string, data?: unknown): void;
  /** A logger for a component; shares level, sink, secrets and listeners. */
  child(name: string): Logger;
  /**
   * Receive records at `minLevel` and above (default: this logger's level, like stderr), with the
   * scope they were logged in, e.g. to forward them as MCP `notifications/message` to their owner.
   * Listeners run synchronously and must not throw or log; returns an unsubscribe function.
   */
  onRecord(
    listener: (record: LogRecord, scope: LogScope | undefined) => void,
    options?: { minLevel?: LogLevel },
  ): () => void;
  /** Run `fn` so that every record it logs, including from its async continuations, carries `scope`. */
  withScope<T>(scope: LogScope, fn: () => T): T;
  /** Redact a secret learnt at run time (e.g. an OAuth access token after a refresh). */
  addSecret(secret: string): void;
  /** Apply the same redaction to any text (error messages, tool output). */
  redact(text: string): string;
}

export interface LoggerOptions {
  level: LogLevel;
  /**
   * Receives one JSON line (with trailing newline). Default: process.stderr (stops writing once
   * stderr fails, e.g. EPIPE after the host closed it); never stdout.
   */
  sink?: (line: string) => void;
  secrets: string[];
  name?: string;
}

export const LEVEL_ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warning: 2, error: 3 };

export const REDACTED = '[redacted]';

/** Values of keys with these names are never logged, whatever they hold (progressToken is not a secret). */
const SECRET_KEY =
  /^(?!progresstoken$)(authorization|proxy-authorization|cookie|set-cookie|x-api-key|.*(token|secret|password|apikey|api_key))$/i;

/**
 * Credential shapes redacted even when we were not told the secret. A credential here is 8+ token
 * characters with at least one digit or symbol, so prose such as "bearer authentication" survives.
 */
const CREDENTIAL = String.raw`(?=[A-Za-z0-9\-._~+/]*[0-9\-._~+/])[A-Za-z0-9\-._~+/]{8,}=*`;
const SECRET_PATTERNS: Array<[RegExp, string]> = [
  [new RegExp(String.raw`\b(Bearer|Basic)\s+${CREDENTIAL}`, 'gi'), `$1 ${REDACTED}`],
  [/\b(access_token|refresh_token|client_secret|hapikey)=[^&\s"']+/gi, `$1=${REDACTED}`],
];

const MAX_DEPTH = 8;

type Listener = (record: LogRecord, scope: LogScope | undefined) => void;

/** process.stderr, until it fails once: a closed stderr must not turn every log line into an error. */
function stderrSink(): (line: string) => void {
  const stderr = process.stderr;
  let broken = false;
  stderr.on('error', () => {
    broken = true;
  });
  return (line) => {
    if (!broken && !stderr.destroyed) stderr.write(line);
  };
}

export function createLogger(options: LoggerOptions): Logger {
  const core = {
    threshold: LEVEL_ORDER[options.level],
    sink: options.sink ?? stderrSink(),
    secrets: new Set(options.secrets.filter((s) => s.length > 0)),
    listeners: new Map<Listener, number>(),
    scopes: new AsyncLocalStorage<LogScope>(),
  };

  const redact = (text: string): string => {
    let out = text;
    // Longest first, so a secret that contains another is removed whole.
    for (const secret of [...core.secrets].sort((a, b) => b.length - a.length))
      out = out.split(secret).join(REDACTED);
    for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
    return out;
  };

  const make = (name: string): Logger => {
    const log = (level: LogLevel, message: string, data?: unknown): void => {
      const rank = LEVEL_ORDER[level];
      // Skip the redaction work for records nobody will see.
      if (rank < core.threshold && ![...core.listeners.values()].some((threshold) => rank >= threshold))
        return;
      const base: LogRecord = {
        time: new Date().toISOString(),
        level,
        logger: name,
        message: redact(message),
      };
      if (rank >= core.threshold) {
        const record = data === undefined ? base : { ...base, data: sanitize(data, redact, true) };
        try {
          core.sink(`${JSON.stringify(record)}\n`);
        } catch {
          // A closed stderr must not take the server down.
        }
      }
      let forwarded: LogRecord | undefined;
      const scope = core.scopes.getStore();
      for (const [listener, threshold] of core.listeners) {
        if (rank < threshold) continue;
        // Stack traces name files on this machine: they stay on stderr.
        forwarded ??= data === undefined ? base : { ...base, data: sanitize(data, redact, false) };
        try {
          listener(forwarded, scope);
        } catch {
          // Listeners forward to clients that may be gone; logging about it would recurse.
        }
      }
    };
    return {
      debug: (m, d) => log('debug', m, d),
      info: (m, d) => log('info', m, d),
      warning: (m, d) => log('warning', m, d),
      error: (m, d) => log('error', m, d),
      child: (child) => make(`${name}.${child}`),
      onRecord: (listener, opts) => {
        // A wrapper, so subscribing the same function twice yields two independent subscriptions.
        const entry: Listener = (record, scope) => listener(record, scope);
        core.listeners.set(entry, opts?.minLevel ? LEVEL_ORDER[opts.minLevel] : core.threshold);
        return () => void core.listeners.delete(entry);
      },
      withScope: (scope, fn) => core.scopes.run(scope, fn),
      addSecret: (secret) => {
        if (secret.length > 0) core.secrets.add(secret);
      },
      redact,
    };
  };

  return make(options.name ?? 'hubspot-associations-mcp');
}

/**
 * A JSON-safe, redacted copy: errors become {name, message, stack} (stack only when `stacks`),
 * cycles and depth are cut.
 */
function sanitize(
  value: unknown,
  redact: (s: string) => string,
  stacks: boolean,
  depth = 0,
  seen = new WeakSet<object>(),
): unknown {
  if (typeof value === 'string') return redact(value);
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') {
    return typeof value === 'function' || typeof value === 'symbol' ? String(value) : value;
  }
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[truncated]';
  seen.add(value);
  try {
    if (value instanceof Error) {
      const out: Record<string, unknown> = { name: value.name, message: redact(value.message) };
      if (value.stack && stacks) out.stack = redact(value.stack);
      for (const [k, v] of Object.entries(value)) out[k] = sanitizeEntry(k, v, redact, stacks, depth, seen);
      if (value.cause !== undefined) out.cause = sanitize(value.cause, redact, stacks, depth + 1, seen);
      return out;
    }
    if (value instanceof Date) return value.toISOString();
    if (Array.isArray(value)) return value.map((v) => sanitize(v, redact, stacks, depth + 1, seen));
    if (value instanceof Map) return sanitize(Object.fromEntries(value), redact, stacks, depth + 1, seen);
    if (value instanceof Set) return sanitize([...value], redact, stacks, depth + 1, seen);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = sanitizeEntry(k, v, redact, stacks, depth, seen);
    return out;
  } finally {
    seen.delete(value);
  }
}

function sanitizeEntry(
  key: string,
  value: unknown,
  redact: (s: string) => string,
  stacks: boolean,
  depth: number,
  seen: WeakSet<object>,
): unknown {
  if (SECRET_KEY.test(key) && value !== undefined && value !== null && value !== '') return REDACTED;
  return sanitize(value, redact, stacks, depth + 1, seen);
}
