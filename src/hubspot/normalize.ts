import type { AssociationType, BatchOutcome, StandardError } from './types.js';

/** HubSpot types ids as strings but sends JSON numbers in association responses (Ballerina sanitation #7). */
export function idOf(value: unknown): string {
  return typeof value === 'number' ? value.toFixed(0) : String(value);
}

interface RawType {
  category: AssociationType['category'];
  typeId: number | string;
  label?: string | null;
}

export function typeOf(raw: RawType): AssociationType {
  // `label` is null (or absent) for the unlabeled type; typeId is an int32 though some specs say string.
  return { category: raw.category, typeId: Number(raw.typeId), label: raw.label ?? null };
}

interface RawBatch<T> {
  results?: T[];
  errors?: StandardError[];
}

export function batchOutcome<T, U>(
  status: number,
  body: RawBatch<T> | undefined,
  map: (raw: T) => U,
): BatchOutcome<U> {
  return { status, results: (body?.results ?? []).map(map), errors: body?.errors ?? [] };
}
