import type { HubSpot } from '../../hubspot/index.js';
import { OBJECT_TYPES } from '../../hubspot/objectTypes.js';

export interface ListedObjectType {
  objectTypeId: string;
  /** What to pass as an object type: the plural name for standard objects, the id for custom ones. */
  name: string;
  label?: string;
  primaryDisplayProperty?: string;
  custom: boolean;
}

/** The property HubSpot shows as a standard record's name (its CRM record pages). */
const DISPLAY: Record<string, string> = { '0-2': 'name', '0-3': 'dealname', '0-5': 'subject' };

/**
 * The portal's object types: HubSpot's standard ones, then the custom ones from the schemas API,
 * which are addressed by their `2-…` id.
 */
export async function listObjectTypes(deps: {
  hubspot: Pick<HubSpot, 'schemas'>;
}): Promise<ListedObjectType[]> {
  const custom = await deps.hubspot.schemas.list();
  return [
    ...OBJECT_TYPES.map((t) => ({
      objectTypeId: t.id,
      name: t.name,
      ...(DISPLAY[t.id] ? { primaryDisplayProperty: DISPLAY[t.id] } : {}),
      custom: false,
    })),
    ...custom.map((t) => ({
      objectTypeId: t.objectTypeId,
      name: t.objectTypeId,
      label: t.plural ?? t.name,
      ...(t.primaryDisplayProperty ? { primaryDisplayProperty: t.primaryDisplayProperty } : {}),
      custom: true,
    })),
  ];
}
