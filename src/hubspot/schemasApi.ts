import type { HubSpotClient } from './client.js';
import type { Routes } from './routes.js';
import type { CustomObjectType } from './types.js';

interface RawSchema {
  objectTypeId?: string;
  id?: string;
  name?: string;
  fullyQualifiedName?: string;
  labels?: { singular?: string; plural?: string };
  primaryDisplayProperty?: string;
  archived?: boolean;
}

const customType = (raw: RawSchema): CustomObjectType => ({
  objectTypeId: String(raw.objectTypeId ?? raw.id ?? ''),
  name: raw.name ?? '',
  fullyQualifiedName: raw.fullyQualifiedName,
  singular: raw.labels?.singular,
  plural: raw.labels?.plural,
  primaryDisplayProperty: raw.primaryDisplayProperty,
});

/** Object schemas: the portal's custom object types (scope crm.schemas.custom.read). */
export function schemasApi(client: HubSpotClient, routes: Routes) {
  return {
    async list(): Promise<CustomObjectType[]> {
      const res = await client.request<{ results?: RawSchema[] }>({ method: 'GET', path: routes.schemas() });
      return (res.body?.results ?? []).filter((s) => !s.archived).map(customType);
    },
  };
}

export type SchemasApi = ReturnType<typeof schemasApi>;
