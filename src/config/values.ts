/** Single-value parsers: zod does the checking, each failure is one actionable ConfigError. */
import { z } from 'zod';
import {
  API_VERSION_SETTINGS,
  type ApiVersionSetting,
  ConfigError,
  DEFAULTS,
  type LogLevel,
} from './types.js';

export function check<T>(schema: z.ZodType<T>, value: unknown, complaint: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new ConfigError(complaint);
  return result.data;
}

const portSchema = z.coerce.number().int().min(0).max(65_535);
const positiveIntSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const logLevelSchema = z.enum(['debug', 'info', 'warning', 'error']);

export function parsePort(raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  return check(
    portSchema,
    /^\d+$/.test(raw) ? raw : Number.NaN,
    `--port must be an integer 0-65535 (0 = any free port), got '${raw}'`,
  );
}

export function parsePositiveInt(raw: string | undefined, source: string): number | undefined {
  if (raw === undefined) return undefined;
  return check(
    positiveIntSchema,
    /^\d+$/.test(raw) ? raw : Number.NaN,
    `${source} must be a positive integer, got '${raw}'`,
  );
}

export function parseNonNegativeInt(raw: string | undefined, source: string): number | undefined {
  if (raw === undefined) return undefined;
  return check(
    z.coerce.number().int().min(0).max(600_000),
    /^\d+$/.test(raw) ? raw : Number.NaN,
    `${source} must be a whole number of milliseconds from 0 to 600000, got '${raw}'`,
  );
}

export function parseRateLimit(raw: string | undefined): number | 'auto' {
  if (raw === undefined) return DEFAULTS.rateLimit;
  if (raw.toLowerCase() === 'auto') return 'auto';
  return check(
    positiveIntSchema,
    /^\d+$/.test(raw) ? raw : Number.NaN,
    `HUBSPOT_RATE_LIMIT must be a positive integer (requests per 10 s, e.g. 100, 190 or 250) or 'auto', got '${raw}'`,
  );
}

export function parseApiVersion(raw: string | undefined): ApiVersionSetting {
  if (raw === undefined) return DEFAULTS.apiVersion;
  const value = raw.toLowerCase();
  if ((API_VERSION_SETTINGS as readonly string[]).includes(value)) return value as ApiVersionSetting;
  throw new ConfigError(
    `HUBSPOT_API_VERSION must be ${API_VERSION_SETTINGS.join(', ')} (default ${DEFAULTS.apiVersion}), got '${raw.slice(0, 40)}'`,
  );
}

export function parseLogLevel(raw: string | undefined): LogLevel {
  if (raw === undefined) return DEFAULTS.logLevel;
  const normalized = raw.toLowerCase() === 'warn' ? 'warning' : raw.toLowerCase();
  return check(logLevelSchema, normalized, `log level must be debug, info, warning or error, got '${raw}'`);
}

export function parseBool(raw: string | undefined, name: string): boolean {
  if (raw === undefined) return false;
  const v = raw.toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  throw new ConfigError(`${name} must be true or false, got '${raw}'`);
}

export function parseSandboxToken(raw: string | undefined): string {
  if (raw === undefined) return DEFAULTS.sandboxToken;
  return check(
    z.string().regex(/^[\x21-\x7e]+$/),
    raw,
    '--token must be non-empty visible ASCII without spaces',
  );
}

/** `secret`: the value may hold a password, so the error must not echo it. */
export function parseUrl(raw: string, name: string, protocols: string[], secret = false): string {
  const url = URL.canParse(raw) ? new URL(raw) : undefined;
  if (!url || !protocols.includes(url.protocol)) {
    const got = secret ? '' : `, got '${raw}'`;
    throw new ConfigError(`${name} must be a ${protocols.map((p) => p.slice(0, -1)).join(' or ')} URL${got}`);
  }
  return url.href.replace(/\/+$/, '');
}
