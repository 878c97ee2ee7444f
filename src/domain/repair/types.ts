export const FIXES = ['link_by_domain', 'set_primary', 'move_associations'] as const;
export type FixName = (typeof FIXES)[number];

/** One thing a repair does (or would do): link a pair, make it Primary, move a link. */
export interface RepairItem {
  fromId: string;
  toId: string;
  /** move_associations: the type of `toId`. */
  toType?: string;
  /** planned (dry run), done, kept (left as it was, said why), skipped (nothing to do any more), failed. */
  status: 'planned' | 'done' | 'kept' | 'skipped' | 'failed';
  reason?: string;
}

export interface RepairPlan {
  fix: FixName;
  /** What the repair would write (`planned`), then what it leaves and why (`kept`), one item each. */
  items: RepairItem[];
  /** Items by kind: what it writes (e.g. `link`) and what it leaves (`ambiguous`, `freeMail`, …). */
  counts: Record<string, number>;
  scanned: number;
  complete: boolean;
  requests: number;
}

export interface RepairProgress {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export const tally = (items: readonly { status: string }[]) => {
  const counts: Record<string, number> = {};
  for (const i of items) counts[i.status] = (counts[i.status] ?? 0) + 1;
  return counts;
};
