import type { GraphResult } from '../domain/graph/types.js';

/** A record drawn in the view; `key` is `objectType:id`. */
export interface GraphNode {
  key: string;
  objectType: string;
  id: string;
  name: string;
  /** The type as people read it (a custom type's plural label, else its name). */
  typeLabel: string;
  /** The record whose graph listed it first (absent for the first centre). */
  parent?: string;
  expanded: boolean;
  /** Where the layout pulls it (its type's sector around its parent). */
  ax: number;
  ay: number;
  x: number;
  y: number;
}

export interface GraphLink {
  key: string;
  from: string;
  to: string;
  labels: string[];
  /** Unlinked in this view (kept so Undo can bring it back). */
  removed: boolean;
}

/** "+N more": a group cut at limitPerType. */
export interface MoreMarker {
  key: string;
  parent: string;
  typeLabel: string;
  count: number;
  x: number;
  y: number;
}

export interface GraphModel {
  nodes: Map<string, GraphNode>;
  links: Map<string, GraphLink>;
  more: Map<string, MoreMarker>;
  root?: string;
  /** The tools this server lets the view call. */
  actions: Set<string>;
}

export const nodeKey = (objectType: string, id: string) => `${objectType}:${id}`;
export const linkKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

export function emptyModel(): GraphModel {
  return { nodes: new Map(), links: new Map(), more: new Map(), actions: new Set() };
}

/** What a merge added: new records per type, for the layout to place around their parent. */
export interface Added {
  parent: string;
  byType: Array<{ typeLabel: string; nodes: GraphNode[]; more?: MoreMarker }>;
}

/**
 * Merges one show_association_graph result: its centre (new, or a record already drawn, which
 * Expand asked for), the records it lists and their links; records already drawn are kept.
 */
export function merge(model: GraphModel, result: GraphResult): Added {
  const c = result.center;
  const centerKey = nodeKey(c.objectType, c.id);
  let center = model.nodes.get(centerKey);
  if (!center) {
    center = {
      key: centerKey,
      objectType: c.objectType,
      id: c.id,
      name: c.name,
      typeLabel: c.label ?? c.objectType,
      expanded: false,
      ax: 0,
      ay: 0,
      x: 0,
      y: 0,
    };
    model.nodes.set(centerKey, center);
  }
  model.root ??= centerKey;
  center.expanded = true;
  for (const action of result.actions ?? []) model.actions.add(action);
  const added: Added = { parent: centerKey, byType: [] };
  for (const group of result.groups) {
    const typeLabel = group.label ?? group.objectType;
    const nodes: GraphNode[] = [];
    for (const edge of group.edges) {
      const key = nodeKey(group.objectType, edge.id);
      if (!model.nodes.has(key)) {
        const node: GraphNode = {
          key,
          objectType: group.objectType,
          id: edge.id,
          name: edge.name,
          typeLabel,
          parent: centerKey,
          expanded: false,
          ax: center.x,
          ay: center.y,
          x: center.x,
          y: center.y,
        };
        model.nodes.set(key, node);
        nodes.push(node);
      }
      const lk = linkKey(centerKey, key);
      if (!model.links.has(lk)) {
        model.links.set(lk, { key: lk, from: centerKey, to: key, labels: edge.labels, removed: false });
      }
    }
    const hidden = group.total - group.edges.length;
    let more: MoreMarker | undefined;
    if (group.truncated && hidden > 0) {
      more = {
        key: `${centerKey}>${group.objectType}`,
        parent: centerKey,
        typeLabel,
        count: hidden,
        x: 0,
        y: 0,
      };
      model.more.set(more.key, more);
    }
    if (nodes.length > 0 || more) added.byType.push({ typeLabel, nodes, ...(more ? { more } : {}) });
  }
  return added;
}

/** The link Unlink removes: between a record and the one whose graph listed it. */
export function parentLink(model: GraphModel, node: GraphNode): GraphLink | undefined {
  return node.parent ? model.links.get(linkKey(node.parent, node.key)) : undefined;
}
