import type { HubSpotClient } from './client.js';
import { typeOf } from './normalize.js';
import type { ObjectType } from './objectTypes.js';
import type { Routes } from './routes.js';
import type { AssociationType } from './types.js';

type RawTypes = { results?: Parameters<typeof typeOf>[0][] };

/** Association schema endpoints S1–S4: the association types (labels) defined for a pair. */
export function labelsApi(client: HubSpotClient, routes: Routes) {
  return {
    /** S1: every type for the pair, HubSpot-defined and custom. */
    async list(from: ObjectType, to: ObjectType): Promise<AssociationType[]> {
      const res = await client.request<RawTypes>({ method: 'GET', path: routes.labels(from, to) });
      return (res.body?.results ?? []).map(typeOf);
    },

    /** S2: answers 200 with one type per direction (two for a paired label). */
    async create(
      from: ObjectType,
      to: ObjectType,
      input: { label: string; name: string; inverseLabel?: string },
    ): Promise<AssociationType[]> {
      const res = await client.request<RawTypes>({
        method: 'POST',
        path: routes.labels(from, to),
        body: input,
        idempotent: false, // a lost answer must not create the label twice
      });
      return (res.body?.results ?? []).map(typeOf);
    },

    /** S3: renames (204). */
    async update(
      from: ObjectType,
      to: ObjectType,
      input: { associationTypeId: number; label: string; inverseLabel?: string },
    ): Promise<void> {
      await client.request({ method: 'PUT', path: routes.labels(from, to), body: input });
    },

    /** S4 (204). HubSpot refuses HubSpot-defined types and labels still in use. */
    async remove(from: ObjectType, to: ObjectType, associationTypeId: number): Promise<void> {
      await client.request({ method: 'DELETE', path: routes.labels(from, to, associationTypeId) });
    },
  };
}

export type LabelsApi = ReturnType<typeof labelsApi>;
