import { expandRecord, type Host, type Unlinks, undoUnlink, unlinkRecord } from './actions.js';
import { createDrawing } from './draw.js';
import { createHeader } from './header.js';
import { place } from './layout.js';
import { emptyModel, type GraphNode, merge, parentLink } from './model.js';
import { createPanel, type PanelState } from './panel.js';
import { graphOf, summaryOf, type ToolResultLike } from './result.js';

export type { Host } from './actions.js';

const SVG = 'http://www.w3.org/2000/svg';
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The view: a header, the graph, and the Record region, driven by tool results and the user. */
export function createView(root: HTMLElement, host: Host) {
  const header = createHeader();
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('aria-label', 'Association graph');
  svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
  const notice = document.createElement('p');
  notice.className = 'notice';
  notice.setAttribute('role', 'status');
  const region = document.createElement('section');
  region.className = 'panel';
  root.replaceChildren(header.element, svg, notice, region);

  let model = emptyModel();
  let selected: string | undefined;
  let confirming = false;
  let busy = false;
  const unlinks: Unlinks = new Map();
  const drawing = createDrawing(svg, { select });
  const panel = createPanel(region, {
    expand: () => run((node) => expandRecord(host, model, node)),
    unlink() {
      confirming = true;
      refresh();
      panel.focusConfirm();
    },
    cancel() {
      confirming = false;
      refresh();
      panel.focus();
    },
    confirm() {
      confirming = false;
      run((node) => unlinkRecord(host, model, node, unlinks));
    },
    undo: () => run((node) => undoUnlink(host, model, node, unlinks)),
    close,
  });

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
    header.update(model);
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

  /** One tool call for the selected record, the region busy meanwhile; what came of it is said there. */
  function run(work: (node: GraphNode) => Promise<string>): void {
    const node = selected ? model.nodes.get(selected) : undefined;
    if (!node || busy) return;
    busy = true;
    refresh();
    panel.status('Working…');
    void work(node)
      .catch(messageOf)
      .then((said) => {
        busy = false;
        refresh();
        panel.status(said);
        panel.focus();
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
