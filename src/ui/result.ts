import type { GraphResult } from '../domain/graph/types.js';

/** What a tools/call answer carries, as far as the view reads it. */
export interface ToolResultLike {
  content?: Array<{ type: string; text?: string }>;
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

const isGraph = (value: unknown): value is GraphResult =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as GraphResult).center?.id === 'string' &&
  Array.isArray((value as GraphResult).groups);

/**
 * The result's data: structuredContent, else the JSON text our server sends beside the summary
 * (some hosts pass the view only the content blocks).
 */
export function dataOf(result: ToolResultLike): Record<string, unknown> | undefined {
  if (result.structuredContent) return result.structuredContent;
  for (const block of result.content ?? []) {
    if (block.type !== 'text' || !block.text?.startsWith('{')) continue;
    try {
      return JSON.parse(block.text) as Record<string, unknown>;
    } catch {}
  }
  return undefined;
}

export function graphOf(result: ToolResultLike): GraphResult | undefined {
  const data = dataOf(result);
  return isGraph(data) ? data : undefined;
}

/** The one-line summary (the first text block). */
export function summaryOf(result: ToolResultLike): string {
  return result.content?.find((b) => b.type === 'text')?.text ?? '';
}
