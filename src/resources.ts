import { readFile } from 'node:fs/promises';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import catalogue from './data/association-types.json' with { type: 'json' };
import { OBJECT_TYPES } from './hubspot/objectTypes.js';
import { GRAPH_VIEW_URI } from './tools/showAssociationGraph.js';

export const RESOURCE_URIS = {
  associationTypes: 'hubspot://association-types',
  objectTypes: 'hubspot://object-types',
  graphView: GRAPH_VIEW_URI,
} as const;

/** MCP Apps (SEP-1865): an HTML5 document the host renders in a sandboxed iframe. */
export const MCP_APP_MIME_TYPE = 'text/html;profile=mcp-app';

/**
 * The view `npm run build` writes (scripts/build-ui.mjs): `../dist/ui/` from both src/ (tests, tsx)
 * and dist/ (the bundled CLI, whose chunks sit in dist/), like version.ts's `../package.json`.
 */
const GRAPH_VIEW_FILE = new URL('../dist/ui/association-graph.html', import.meta.url);

/** No network at all: no domain to connect to or load from (the host's default CSP, stated). */
const GRAPH_VIEW_META = { ui: { csp: { connectDomains: [], resourceDomains: [] }, prefersBorder: true } };

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
  server.registerResource(
    'association-graph',
    RESOURCE_URIS.graphView,
    {
      title: 'Association graph view',
      description: 'The MCP App that draws show_association_graph results.',
      mimeType: MCP_APP_MIME_TYPE,
      _meta: GRAPH_VIEW_META,
    },
    async (uri) => {
      const text = await readFile(GRAPH_VIEW_FILE, 'utf8').catch(() => {
        throw new Error('the graph view is not built: `npm run build` writes dist/ui/association-graph.html');
      });
      return { contents: [{ uri: uri.href, mimeType: MCP_APP_MIME_TYPE, text, _meta: GRAPH_VIEW_META }] };
    },
  );
}
