// The shapes of an edge-list import, shared by the row reader (edges.ts) and the writer (edgeWrite.ts).
import type { AssociationType } from '../../hubspot/types.js';
import type { Pair } from '../associations/outcome.js';

/** One edge: a pair and, optionally, the type (typeId, with category) or label it carries. */
export interface EdgeRowInput {
  fromId: string;
  toId: string;
  typeId?: string | number;
  category?: string;
  label?: string;
}

export interface EdgeRowResult {
  row: number;
  fromId: string;
  toId: string;
  typeId?: number;
  status: 'associated' | 'unchanged' | 'planned' | 'failed';
  error?: string;
  fix?: string;
}

export type Wanted = Map<string, { pair: Pair; types: Map<number, AssociationType>; rows: number[] }>;
