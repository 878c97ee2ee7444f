import type { HubSpotClient } from './client.js';
import { batchOutcome } from './normalize.js';
import type { ObjectType } from './objectTypes.js';
import type { Routes } from './routes.js';
import type { AssociationCategory, BatchOutcome, LimitConfiguration } from './types.js';

interface RawConfig {
  category: AssociationCategory;
  typeId: number;
  label?: string | null;
  userEnforcedMaxToObjectIds?: number;
  maxToObjectIds?: number;
}

const config = (raw: RawConfig): LimitConfiguration => ({
  category: raw.category,
  typeId: Number(raw.typeId),
  label: raw.label ?? null,
  maxToObjectIds: raw.userEnforcedMaxToObjectIds ?? raw.maxToObjectIds,
});

export interface LimitInput {
  category: AssociationCategory;
  typeId: number;
  maxToObjectIds: number;
}

/** Association limits ("definition configurations") C1–C5 (docs/hubspot-api.md §4). */
export function limitsApi(client: HubSpotClient, routes: Routes) {
  const write = async (from: ObjectType, to: ObjectType, op: 'create' | 'update', inputs: LimitInput[]) => {
    const res = await client.request<{ results?: RawConfig[] }>({
      method: 'POST',
      path: routes.limits(from, to, op),
      body: { inputs },
      idempotent: op === 'update',
    });
    return batchOutcome(res.status, res.body, config);
  };
  return {
    /** C1 */
    async all(): Promise<LimitConfiguration[]> {
      const res = await client.request<{ results?: RawConfig[] }>({
        method: 'GET',
        path: routes.allLimits(),
      });
      return (res.body?.results ?? []).map(config);
    },
    /** C2 */
    async forPair(from: ObjectType, to: ObjectType): Promise<LimitConfiguration[]> {
      const res = await client.request<{ results?: RawConfig[] }>({
        method: 'GET',
        path: routes.limits(from, to),
      });
      return (res.body?.results ?? []).map(config);
    },
    /** C3 */
    create: (
      from: ObjectType,
      to: ObjectType,
      inputs: LimitInput[],
    ): Promise<BatchOutcome<LimitConfiguration>> => write(from, to, 'create', inputs),
    /** C4 */
    update: (
      from: ObjectType,
      to: ObjectType,
      inputs: LimitInput[],
    ): Promise<BatchOutcome<LimitConfiguration>> => write(from, to, 'update', inputs),
    /** C5: back to HubSpot's default limit (204). */
    async purge(
      from: ObjectType,
      to: ObjectType,
      inputs: Array<{ category: AssociationCategory; typeId: number }>,
    ) {
      await client.request({
        method: 'POST',
        path: routes.limits(from, to, 'purge'),
        body: { inputs },
        idempotent: true,
      });
    },
  };
}

export type LimitsApi = ReturnType<typeof limitsApi>;
