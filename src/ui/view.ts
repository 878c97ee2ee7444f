import { colourOf } from './colours.js';
import { createDrawing } from './draw.js';
import { place } from './layout.js';
import type { GraphNode } from './model.js';
import { emptyModel, merge, parentLink } from './model.js';
import { createPanel, type PanelState } from './panel.js';
import { dataOf, graphOf, summaryOf, type ToolResultLike } from './result.js';

/** What the view needs from its host: server tools, and a way to tell the model what changed. */
export interface Host {
  callTool(name: string, args: Record<string, unknown>): Promise<ToolResultLike>;
  tellModel(text: string): Promise<void>;
}

const SVG = 'http://www.w3.org/2000/svg';
const describe = (n: GraphNode) => `${n.typeLabel} ${n.id} "${n.name}"`;
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The view: a header, the graph, and the Record region, driven by tool results and the user. */
export function createView(root: HTMLElement, host: Host) {
  const header = document.createElement('header');
  const title = document.createElement('h1');
  const subtitle = document.createElement('p');
  const legend = document.createElement('ul');
  legend.className = 'legend';
  header.append(title, subtitle, legend);
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('aria-label', 'Association graph');
  svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
  const notice = document.createElement('p');
  notice.className = 'notice';
  notice.setAttribute('role', 'status');
  const region = document.createElement('section');
  region.className = 'panel';
  root.replaceChildren(header, svg, notice, region);

  let model = emptyModel();
  let selected: string | undefined;
  let confirming = false;
  let busy = false;
  /** Records unlinked here → the change that did it (what Undo reverts). */
  const unlinks = new Map<string, string>();
  const drawing = createDrawing(svg, { select });
  const panel = createPanel(region, { expand, unlink, confirm, cancel, undo, close });

  function stateOf(node: GraphNode): PanelState {
    const link = parentLink(model, node);
    const parent = node.parent ? model.nodes.get(node.parent) : undefined;
    const labels = link && link.labels.length > 0 ? ` (${link.labels.join(', ')})` : ' (no label)';
    const linkText =
      parent && link && (link.removed ? `Unlinked from ${parent.name}` : `Linked to ${parent.name}${labels}`);
    return {
      name: node.name,
      detail: `${node.typeLabel} ${node.id}`,
      ...(linkText ? { link: linkText } : {}),
      canExpand: model.actions.has('show_association_graph') && !node.expanded,
      canUnlink: model.actions.has('remove_associations') && !!link && !link.removed,
      canUndo: model.actions.has('undo_change') && unlinks.has(node.key) && !!link?.removed,
      confirming,
      busy,
    };
  }

  function refresh(): void {
    drawing.draw(model, selected);
    const rootNode = model.root ? model.nodes.get(model.root) : undefined;
    title.textContent = rootNode?.name ?? '';
    const counts = new Map<string, { label: string; n: number }>();
    for (const node of model.nodes.values()) {
      if (node.key === model.root) continue;
      const entry = counts.get(node.objectType) ?? { label: node.typeLabel, n: 0 };
      entry.n += 1;
      counts.set(node.objectType, entry);
    }
    const shown = [...counts.values()].reduce((n, c) => n + c.n, 0);
    subtitle.textContent = rootNode ? `${rootNode.typeLabel} ${rootNode.id} · ${shown} records shown` : '';
    legend.replaceChildren(
      ...[...counts].map(([type, { label, n }]) => {
        const item = document.createElement('li');
        const dot = document.createElement('span');
        dot.className = 'dot';
        dot.style.background = colourOf(type);
        item.append(dot, `${label} ${n}`);
        return item;
      }),
    );
    const node = selected ? model.nodes.get(selected) : undefined;
    if (node) panel.show(stateOf(node));
    else panel.hide();
  }

  function select(key: string): void {
    selected = key;
    confirming = false;
    panel.status('');
    refresh();
    panel.focus();
  }

  function close(): void {
    const key = selected;
    selected = undefined;
    confirming = false;
    refresh();
    if (key) drawing.element(key)?.focus();
  }

  /** Runs one tool call with the region busy; a failure is said in the region. */
  async function run(work: (node: GraphNode) => Promise<string>): Promise<void> {
    const node = selected ? model.nodes.get(selected) : undefined;
    if (!node || busy) return;
    busy = true;
    refresh();
    panel.status('Working…');
    let said: string;
    try {
      said = await work(node);
    } catch (error) {
      said = messageOf(error);
    }
    busy = false;
    refresh();
    panel.status(said);
    panel.focus();
  }

  function expand(): void {
    void run(async (node) => {
      const result = await host.callTool('show_association_graph', {
        objectType: node.objectType,
        id: node.id,
      });
      const graph = graphOf(result);
      if (result.isError || !graph) return summaryOf(result) || 'Could not read this record’s associations.';
      const before = model.nodes.size;
      place(model, merge(model, graph));
      return `${model.nodes.size - before} records added.`;
    });
  }

  function unlink(): void {
    confirming = true;
    refresh();
    panel.focusConfirm();
  }

  function cancel(): void {
    confirming = false;
    refresh();
    panel.focus();
  }

  function confirm(): void {
    confirming = false;
    void run(async (node) => {
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
    });
  }

  function undo(): void {
    void run(async (node) => {
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
      return `Link restored.`;
    });
  }

  return {
    /** The tool was called: say so until its result arrives. */
    loading(args: Record<string, unknown> | undefined): void {
      if (model.root) return;
      const what = args?.objectType && args?.id ? ` for ${String(args.objectType)} ${String(args.id)}` : '';
      notice.textContent = `Reading associations${what}…`;
    },
    /** A show_association_graph result: draw it (a new result replaces the graph). */
    result(result: ToolResultLike): void {
      const graph = graphOf(result);
      if (!graph) {
        notice.textContent = summaryOf(result) || 'This result has no association graph.';
        return;
      }
      notice.textContent = '';
      model = emptyModel();
      selected = undefined;
      unlinks.clear();
      drawing.clear();
      place(model, merge(model, graph));
      refresh();
      // Marks the first frame with the graph in it (bench/graphView.ts reads it).
      requestAnimationFrame(() => performance.mark('graph-drawn'));
    },
    cancelled(): void {
      if (!model.root) notice.textContent = 'The tool call was cancelled.';
    },
  };
}
