import { place } from './layout.js';
import { type GraphModel, type GraphNode, merge, parentLink } from './model.js';
import { dataOf, graphOf, summaryOf, type ToolResultLike } from './result.js';

/** What the view needs from its host: server tools, and a way to tell the model what changed. */
export interface Host {
  callTool(name: string, args: Record<string, unknown>): Promise<ToolResultLike>;
  tellModel(text: string): Promise<void>;
}

/** Records unlinked in this view → the change that did it (what Undo reverts). */
export type Unlinks = Map<string, string>;

const describe = (n: GraphNode) => `${n.typeLabel} ${n.id} "${n.name}"`;

/** Expand: the record's own graph, merged in and placed around it. Answers what to say. */
export async function expandRecord(host: Host, model: GraphModel, node: GraphNode): Promise<string> {
  const result = await host.callTool('show_association_graph', { objectType: node.objectType, id: node.id });
  const graph = graphOf(result);
  if (result.isError || !graph) return summaryOf(result) || 'Could not read this record’s associations.';
  const before = model.nodes.size;
  place(model, merge(model, graph));
  const added = model.nodes.size - before;
  return added === 1 ? '1 record added.' : `${added} records added.`;
}

/** Unlink (confirmed): every association between the record and its parent, then tell the model. */
export async function unlinkRecord(host: Host, model: GraphModel, node: GraphNode, unlinks: Unlinks) {
  const link = parentLink(model, node);
  const parent = node.parent ? model.nodes.get(node.parent) : undefined;
  if (!link || !parent) return 'Nothing to unlink.';
  const result = await host.callTool('remove_associations', {
    fromObjectType: parent.objectType,
    toObjectType: node.objectType,
    pairs: [{ fromId: parent.id, toId: node.id }],
  });
  const data = dataOf(result);
  const counts = (data?.counts ?? {}) as Record<string, number>;
  if (result.isError || counts.failed) return summaryOf(result) || 'The link could not be removed.';
  link.removed = true;
  const changeId = typeof data?.changeId === 'string' ? data.changeId : undefined;
  if (changeId) unlinks.set(node.key, changeId);
  const change = changeId ? ` (change ${changeId}; undo_change reverts it)` : '';
  await host.tellModel(
    `In the association graph view the user removed every association between ${describe(parent)} and ${describe(node)}${change}.`,
  );
  return `Unlinked from ${parent.name}.`;
}

/** Undo: undo_change for the record's unlink, the link drawn again, then tell the model. */
export async function undoUnlink(host: Host, model: GraphModel, node: GraphNode, unlinks: Unlinks) {
  const changeId = unlinks.get(node.key);
  const link = parentLink(model, node);
  const parent = node.parent ? model.nodes.get(node.parent) : undefined;
  if (!changeId || !link || !parent) return 'Nothing to undo.';
  const result = await host.callTool('undo_change', { changeId });
  const data = dataOf(result);
  const problems = Array.isArray(data?.problems) ? data.problems.length : 0;
  if (result.isError || problems > 0) return summaryOf(result) || 'The change could not be undone.';
  link.removed = false;
  unlinks.delete(node.key);
  const undoId = typeof data?.undoChangeId === 'string' ? ` as change ${data.undoChangeId}` : '';
  await host.tellModel(
    `In the association graph view the user undid change ${changeId}${undoId}: ${describe(parent)} and ${describe(node)} are linked again.`,
  );
  return 'Link restored.';
}
