import { z } from 'zod';
import { listObjectTypes } from '../domain/records/objectTypes.js';
import { defineTool } from './types.js';

export const listObjectTypesTool = defineTool({
  name: 'list_object_types',
  title: 'List object types',
  description:
    'Standard and custom object types (custom ones by id 2-…): what other tools accept as object types.',
  inputSchema: {},
  outputSchema: {
    objectTypes: z.array(
      z.object({
        objectTypeId: z.string(),
        name: z.string(),
        label: z.string().optional(),
        primaryDisplayProperty: z.string().optional(),
        custom: z.boolean(),
      }),
    ),
  },
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: true },
  async handler(deps) {
    const objectTypes = await listObjectTypes(deps);
    const custom = objectTypes.filter((t) => t.custom);
    const named = custom.map((t) => `${t.label ?? t.name} (${t.objectTypeId})`).join(', ');
    return {
      data: { objectTypes },
      summary: `${objectTypes.length - custom.length} standard object types; ${custom.length} custom${custom.length > 0 ? `: ${named}` : ''}.`,
    };
  },
});
