/** Comma-separated list values (flags and env vars alike). */
import { z } from 'zod';
import { ConfigError } from './types.js';
import { check } from './values.js';

const listItemSchema = z.string().regex(/^[^\s,]+$/);

/** Comma-separated list; undefined when absent, an error when present but empty or malformed. */
export function optionalList(raw: string | undefined, source: string): string[] | undefined {
  if (raw === undefined) return undefined;
  const items = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (items.length === 0) throw new ConfigError(`${source} needs a comma-separated list, e.g. ${source} a,b`);
  for (const item of items) check(listItemSchema, item, `${source}: '${item}' must not contain spaces`);
  return [...new Set(items)];
}

export function parseAssociationPairs(raw: string | undefined): Array<{ from: string; to: string }> {
  const items = optionalList(raw, '--associations') ?? [];
  return items.map((item) => {
    const [from, to, ...rest] = item.split(':');
    if (!from || !to || rest.length > 0) {
      throw new ConfigError(
        `--associations: '${item}' must be from:to, e.g. --associations contacts:companies`,
      );
    }
    return { from, to };
  });
}

export function parseOrigins(raw: string | undefined): string[] {
  const items = optionalList(raw, '--allowed-origins') ?? [];
  return items.map((item) => {
    const url = URL.canParse(item) ? new URL(item) : undefined;
    if (!url || url.origin === 'null') {
      throw new ConfigError(`--allowed-origins: '${item}' is not an origin, e.g. https://app.example.com`);
    }
    return url.origin;
  });
}
