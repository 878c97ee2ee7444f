import { colourOf } from './colours.js';
import type { GraphModel } from './model.js';

/** The header: the centre record, how many records are shown, and a legend of types with counts. */
export function createHeader() {
  const header = document.createElement('header');
  const title = document.createElement('h1');
  const subtitle = document.createElement('p');
  const legend = document.createElement('ul');
  legend.className = 'legend';
  header.append(title, subtitle, legend);

  function update(model: GraphModel): void {
    const root = model.root ? model.nodes.get(model.root) : undefined;
    title.textContent = root?.name ?? '';
    const counts = new Map<string, { label: string; n: number }>();
    for (const node of model.nodes.values()) {
      if (node.key === model.root) continue;
      const entry = counts.get(node.objectType) ?? { label: node.typeLabel, n: 0 };
      entry.n += 1;
      counts.set(node.objectType, entry);
    }
    const shown = [...counts.values()].reduce((n, c) => n + c.n, 0);
    subtitle.textContent = root ? `${root.typeLabel} ${root.id} · ${shown} records shown` : '';
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
  }

  return { element: header, update };
}
