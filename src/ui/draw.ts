import { colourOf } from './colours.js';
import type { GraphModel, GraphNode } from './model.js';

const SVG = 'http://www.w3.org/2000/svg';
/** Edge labels are written out while they stay readable; beyond this many links only solid/dashed says it. */
const LABELLED_LINKS_SHOWN = 12;
const NAME_CHARS = 18;

function el<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number> = {}) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

const short = (name: string) => (name.length > NAME_CHARS ? `${name.slice(0, NAME_CHARS - 1)}…` : name);

/** The accessible name: the display name first (the DOM contract), then what and which it is. */
export function accessibleName(node: GraphNode, labels: string[]): string {
  const linked = labels.length > 0 ? `, ${labels.join(', ')}` : '';
  return `${node.name} (${node.typeLabel} ${node.id}${linked})`;
}

export interface DrawHandlers {
  select(key: string): void;
}

/**
 * Draws the model into one <svg>: links (labelled solid, unlabelled dashed), then records as
 * focusable buttons (data-object-type, data-record-id), then "+N more" markers. Records keep their
 * element across redraws, so focus survives an Expand.
 */
export function createDrawing(svg: SVGSVGElement, handlers: DrawHandlers) {
  const edges = el('g', { class: 'edges' });
  const markers = el('g', { class: 'markers' });
  const records = el('g', { class: 'records' });
  svg.append(edges, markers, records);
  const elements = new Map<string, SVGGElement>();

  function recordElement(node: GraphNode): SVGGElement {
    const existing = elements.get(node.key);
    if (existing) return existing;
    const g = el('g', {
      class: 'node',
      role: 'button',
      tabindex: 0,
      'data-object-type': node.objectType,
      'data-record-id': node.id,
    });
    const circle = el('circle', { r: 14, fill: colourOf(node.objectType) });
    const text = el('text', { y: 28 });
    text.textContent = short(node.name);
    g.append(circle, text);
    g.addEventListener('click', () => handlers.select(node.key));
    g.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      event.preventDefault();
      handlers.select(node.key);
    });
    elements.set(node.key, g);
    records.append(g);
    return g;
  }

  function draw(model: GraphModel, selected: string | undefined): void {
    edges.replaceChildren();
    markers.replaceChildren();
    const live = [...model.links.values()].filter((l) => !l.removed);
    const writeLabels = live.filter((l) => l.labels.length > 0).length <= LABELLED_LINKS_SHOWN;
    const labelsOf = new Map<string, string[]>();
    for (const link of live) {
      const a = model.nodes.get(link.from);
      const b = model.nodes.get(link.to);
      if (!a || !b) continue;
      labelsOf.set(link.to, [...(labelsOf.get(link.to) ?? []), ...link.labels]);
      const kind = link.labels.length > 0 ? 'labelled' : 'unlabelled';
      edges.append(el('line', { class: `edge ${kind}`, x1: a.x, y1: a.y, x2: b.x, y2: b.y }));
      if (writeLabels && link.labels.length > 0) {
        // Nearer the neighbour than the centre, where links fan out and their labels have room.
        const at = (p: number, q: number) => p + (q - p) * 0.62;
        const label = el('text', { class: 'edge-label', x: at(a.x, b.x), y: at(a.y, b.y) - 3 });
        label.textContent = short(link.labels.join(', '));
        edges.append(label);
      }
    }
    for (const more of model.more.values()) {
      const g = el('g', { class: 'more', transform: `translate(${more.x},${more.y})` });
      const text = el('text', { y: 4 });
      text.textContent = `+${more.count} more`;
      const title = el('title');
      title.textContent = `${more.count} more ${more.typeLabel} not shown`;
      g.append(el('rect', { x: -34, y: -10, width: 68, height: 20, rx: 10 }), text, title);
      markers.append(g);
    }
    for (const node of model.nodes.values()) {
      const g = recordElement(node);
      const center = node.key === model.root;
      const unlinked = !center && !labelsOf.has(node.key) && !live.some((l) => l.from === node.key);
      g.setAttribute('transform', `translate(${node.x},${node.y})`);
      g.setAttribute('aria-label', accessibleName(node, labelsOf.get(node.key) ?? []));
      g.setAttribute('aria-pressed', String(node.key === selected));
      g.classList.toggle('center', center);
      g.classList.toggle('unlinked', unlinked);
      g.querySelector('circle')?.setAttribute('r', center ? '22' : '14');
    }
    fitViewBox(svg, model);
  }

  function clear(): void {
    elements.clear();
    records.replaceChildren();
  }

  return { draw, clear, element: (key: string) => elements.get(key) };
}

/** A viewBox around everything drawn, never tighter than a comfortable minimum. */
function fitViewBox(svg: SVGSVGElement, model: GraphModel): void {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const p of [...model.nodes.values(), ...model.more.values()]) {
    xs.push(p.x);
    ys.push(p.y);
  }
  if (xs.length === 0) return;
  const pad = 70;
  let [x0, x1, y0, y1] = [
    Math.min(...xs) - pad,
    Math.max(...xs) + pad,
    Math.min(...ys) - pad,
    Math.max(...ys) + pad,
  ];
  const grow = (lo: number, hi: number, min: number) => {
    const extra = Math.max(0, min - (hi - lo)) / 2;
    return [lo - extra, hi + extra] as const;
  };
  [x0, x1] = grow(x0, x1, 520);
  [y0, y1] = grow(y0, y1, 360);
  svg.setAttribute('viewBox', `${x0} ${y0} ${x1 - x0} ${y1 - y0}`);
}
