import { InputError } from '../../hubspot/errors.js';
import type { HubSpot } from '../../hubspot/index.js';

/**
 * Refuses, before anything is sent, a job whose fewest possible requests exceed what HubSpot's
 * daily budget has left (X-HubSpot-RateLimit-Daily-Remaining, shared by replicas through Redis):
 * half a job would stop at HubSpot's DAILY 429 with the rest undone until midnight. Unknown
 * (no answer with the header seen yet): the job goes ahead.
 */
export async function ensureDailyBudget(
  hubspot: Pick<HubSpot, 'client'>,
  needed: number,
  job: { field: string; what: string },
): Promise<void> {
  const left = await hubspot.client.dailyRemaining();
  if (left === undefined || needed <= left) return;
  throw new InputError(
    job.field,
    `${job.what} takes at least ${needed} HubSpot requests and the account's daily budget has ${left} left (X-HubSpot-RateLimit-Daily-Remaining); nothing was sent`,
    "split it into smaller parts, or run it after the budget resets at midnight in the account's time zone",
  );
}

/** Fewest requests an import of `rows` rows can take: its batch reads, 1,000 pairs or records a request. */
export const importMinimum = (rows: number) => Math.ceil(rows / 1_000);
