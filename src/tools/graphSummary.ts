import type { AssociationGraph, GraphGroup } from '../domain/graph/types.js';

/** Names listed per type in the text (the structured content lists every edge shown). */
const NAMED_PER_TYPE = 5;

function labelsText(group: GraphGroup): string {
  const labelled = Object.entries(group.labelCounts).map(([label, n]) => `${label} ${n}`);
  return labelled.length > 0 ? ` (${labelled.join(', ')})` : '';
}

function groupText(group: GraphGroup): string {
  const kind = group.label ?? group.objectType;
  if (group.error) return `${kind}: not read (${group.error})`;
  const total = `${group.total}${group.totalAtLeast ? '+' : ''}`;
  const named = group.edges.slice(0, NAMED_PER_TYPE).map((e) => {
    const labels = e.labels.length > 0 ? `, ${e.labels.join('/')}` : '';
    return `${e.name} (${e.id}${labels})`;
  });
  const rest = group.total - named.length;
  const list = named.length > 0 ? `: ${named.join(', ')}${rest > 0 ? ` and ${rest} more` : ''}` : '';
  return `${kind} ${total}${labelsText(group)}${list}`;
}

/**
 * The text that stands alone for hosts without MCP Apps: the centre, then per type the count, the
 * labels' counts and the first names with their ids, e.g.
 * `companies "Acme Labs" (123): 7 associated records. contacts 5 (Primary 4): Ada Lovelace (201, Primary), …`.
 */
export function graphSummary(graph: AssociationGraph): string {
  const { center } = graph;
  const total = graph.groups.reduce((n, g) => n + g.total, 0);
  const more = graph.groups.some((g) => g.totalAtLeast) ? '+' : '';
  const kind = center.label ?? center.objectType;
  return `${kind} "${center.name}" (${center.id}): ${total}${more} associated records. ${graph.groups
    .map(groupText)
    .join('; ')}.`;
}
