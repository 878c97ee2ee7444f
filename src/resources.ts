import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import catalogue from './data/association-types.json' with { type: 'json' };
import { OBJECT_TYPES } from './hubspot/objectTypes.js';

export const RESOURCE_URIS = {
  associationTypes: 'hubspot://association-types',
  objectTypes: 'hubspot://object-types',
} as const;

/** Reference data an agent can read instead of guessing ids: HubSpot's defaults and the type table. */
export function registerResources(server: McpServer): void {
  server.registerResource(
    'association-types',
    RESOURCE_URIS.associationTypes,
    {
      title: 'HubSpot-defined association types',
      description:
        'The 410 HUBSPOT_DEFINED association types (from, to, typeId, label, description) from HubSpot’s guide.',
      mimeType: 'application/json',
    },
    async (uri) => ({
      contents: [
        {
          uri: uri.href,
          mimeType: 'application/json',
          text: JSON.stringify({ source: catalogue.source, types: catalogue.types }),
        },
      ],
    }),
  );
  server.registerResource(
    'object-types',
    RESOURCE_URIS.objectTypes,
    {
      title: 'HubSpot object types',
      description: 'Object type names and ids (contacts 0-1, companies 0-2, deals 0-3, tickets 0-5, …).',
      mimeType: 'application/json',
    },
    async (uri) => ({
      contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(OBJECT_TYPES) }],
    }),
  );
}
