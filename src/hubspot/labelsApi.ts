import type { HubSpotClient } from './client.js';
import { typeOf } from './normalize.js';
import type { ObjectType } from './objectTypes.js';
import { seg, typeSegment } from './paths.js';
import type { AssociationType } from './types.js';

// The current spec's path family (/crm/associations/v4/...); the SDK's /crm/v4/associations/... is the same API.
const labelsPath = (from: ObjectType, to: ObjectType) =>
  `/crm/associations/v4/${typeSegment(from)}/${typeSegment(to)}/labels`;

type RawTypes = { results?: Parameters<typeof typeOf>[0][] };

/** Association schema endpoints S1–S4: the association types (labels) defined for a pair. */
export function labelsApi(client: HubSpotClient) {
  return {
    /** S1: every type for the pair, HubSpot-defined and custom. */
    async list(from: ObjectType, to: ObjectType): Promise<AssociationType[]> {
      const res = await client.request<RawTypes>({ method: 'GET', path: labelsPath(from, to) });
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
        path: labelsPath(from, to),
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
      await client.request({ method: 'PUT', path: labelsPath(from, to), body: input });
    },

    /** S4 (204). HubSpot refuses HubSpot-defined types and labels still in use. */
    async remove(from: ObjectType, to: ObjectType, associationTypeId: number): Promise<void> {
      await client.request({ method: 'DELETE', path: `${labelsPath(from, to)}/${seg(associationTypeId)}` });
    },
  };
}

export type LabelsApi = ReturnType<typeof labelsApi>;
