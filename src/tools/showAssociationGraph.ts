import { z } from 'zod';
import { readGraph } from '../domain/graph/read.js';
import { resolveObjectType } from '../hubspot/objectTypes.js';
import { graphSummary } from './graphSummary.js';
import { objectType, recordId } from './schemas.js';
import { defineTool } from './types.js';

/** The MCP App resource that draws this tool's result (src/resources.ts serves it). */
export const GRAPH_VIEW_URI = 'ui://hubspot-associations/association-graph.html';

/** The tools the view calls, in the order of its buttons: Expand, Unlink, Undo. */
const VIEW_TOOLS = ['show_association_graph', 'remove_associations', 'undo_change'];

const DEFAULT_TYPES = ['contacts', 'companies', 'deals', 'tickets'];

const edge = z.object({ id: z.string(), name: z.string(), labels: z.array(z.string()) });

export const showAssociationGraph = defineTool({
  name: 'show_association_graph',
  title: 'Association graph',
  description:
    "A record's linked records per type (default contacts, companies, deals, tickets; 25 each), with labels and names; a graph in MCP Apps hosts.",
  inputSchema: {
    objectType,
    id: recordId,
    toObjectTypes: z.array(objectType).max(10).optional(),
    limitPerType: z.number().int().positive().max(100).optional(),
  },
  outputSchema: {
    center: z.object({
      objectType: z.string(),
      id: z.string(),
      name: z.string(),
      label: z.string().optional(),
    }),
    groups: z.array(
      z.object({
        objectType: z.string(),
        label: z.string().optional(),
        total: z.number(),
        totalAtLeast: z.boolean().optional(),
        truncated: z.boolean(),
        labelCounts: z.record(z.string(), z.number()),
        edges: z.array(edge),
        error: z.string().optional(),
      }),
    ),
    actions: z.array(z.string()),
  },
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: true },
  // MCP Apps (SEP-1865): the view for this tool's results; the flat key is the older spelling hosts still read.
  _meta: { ui: { resourceUri: GRAPH_VIEW_URI }, 'ui/resourceUri': GRAPH_VIEW_URI },
  async handler(deps, args) {
    const center = resolveObjectType(args.objectType, 'objectType');
    const asked = args.toObjectTypes?.map((t, i) => resolveObjectType(t, `toObjectTypes[${i}]`));
    // None given (or an empty list): the four main CRM types other than the record's own.
    const toTypes = asked?.length
      ? asked
      : DEFAULT_TYPES.map((t) => resolveObjectType(t)).filter((t) => t.id !== center.id);
    const unique = [...new Map(toTypes.map((t) => [t.id, t])).values()];
    const graph = await readGraph(deps.hubspot, {
      center,
      id: args.id,
      toTypes: unique,
      limitPerType: args.limitPerType ?? 25,
    });
    const enabled = deps.enabledTools ?? ['show_association_graph'];
    return {
      data: { ...graph, actions: VIEW_TOOLS.filter((t) => enabled.includes(t)) },
      summary: graphSummary(graph),
    };
  },
});
