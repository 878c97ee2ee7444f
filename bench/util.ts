/** Small helpers shared by the benchmarks (no timing assertions: they print figures). */
import { performance } from 'node:perf_hooks';

export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: Math.round((performance.now() - start) * 10) / 10 };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Fastest possible time for `requests` at `perWindow` per `windowMs`: every full window but the last is waited out. */
export function rateLimitFloorMs(requests: number, perWindow: number, windowMs: number): number {
  return Math.max(0, Math.ceil(requests / perWindow) - 1) * windowMs;
}

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

export const log = (line: string) => process.stderr.write(`${line}\n`);

/** This process's environment without HubSpot/MCP settings, so a spawned server is configured only by what a benchmark passes. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && !/^(HUBSPOT_|MCP_)/.test(k)) env[k] = v;
  return { ...env, ...extra };
}
