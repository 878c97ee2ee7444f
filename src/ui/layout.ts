import {
  forceCollide,
  forceLink,
  forceSimulation,
  forceX,
  forceY,
  type SimulationLinkDatum,
  type SimulationNodeDatum,
} from 'd3-force';
import type { Added, GraphModel, GraphNode } from './model.js';

/**
 * Records start on their rings, already apart, so the simulation only settles them: from alpha 0.5,
 * cooled to d3's alphaMin (0.001) in this many ticks (d3's default, from 1, takes 300).
 */
const TICKS = 120;
const START_ALPHA = 0.5;
/** Room along a ring per record (its name is written under it). */
const SPACING = 86;
const RING_GAP = 62;

interface Body extends SimulationNodeDatum {
  node: GraphNode;
}

/** Anchors for `count` records on rings from `radius` out, within the sector [from, from + width]. */
function ringAnchors(count: number, radius: number, from: number, width: number) {
  const anchors: Array<{ angle: number; r: number }> = [];
  let r = radius;
  while (anchors.length < count) {
    const fits = Math.max(1, Math.floor((width * r) / SPACING));
    const here = Math.min(fits, count - anchors.length);
    for (let k = 0; k < here; k++) anchors.push({ angle: from + (width * (k + 0.5)) / here, r });
    r += RING_GAP;
  }
  return { anchors, outer: r - RING_GAP };
}

/**
 * Places what a merge added: each type's new records on rings in a sector of their own around
 * their parent (all around the first centre; facing away from it around an expanded record),
 * then lets d3-force settle them (links, collisions, the pull to their place) with every record
 * drawn before held still, so Expand never moves what is on screen. Deterministic: the same graph
 * always lands the same way (d3-force seeds its own generator).
 */
export function place(model: GraphModel, added: Added): void {
  const parent = model.nodes.get(added.parent);
  const root = model.root ? model.nodes.get(model.root) : undefined;
  if (!parent || !root) return;
  const isRoot = parent === root;
  const n = Math.max(added.byType.length, 1);
  const total = isRoot ? 2 * Math.PI : 2.4;
  // Bigger groups get wider sectors, though not in proportion (a small group needs room too).
  const weights = added.byType.map((g) => Math.sqrt(Math.max(g.nodes.length, 1)) + 1);
  const sum = weights.reduce((a, b) => a + b, 0);
  const facing = Math.atan2(parent.y - root.y, parent.x - root.x);
  const firstWidth = (total * (weights[0] ?? 1)) / sum;
  const start = isRoot ? -Math.PI / 2 - firstWidth / 2 : facing - total / 2;
  const gap = n > 1 ? 0.12 : 0;
  const placed = new Set<string>();
  let next = start;
  added.byType.forEach((group, i) => {
    const share = (total * (weights[i] ?? 1)) / sum;
    const from = next + gap / 2;
    const width = share - gap;
    next += share;
    const { anchors, outer } = ringAnchors(group.nodes.length, isRoot ? 150 : 110, from, width);
    group.nodes.forEach((node, k) => {
      const a = anchors[k] as { angle: number; r: number };
      node.ax = parent.x + Math.cos(a.angle) * a.r;
      node.ay = parent.y + Math.sin(a.angle) * a.r;
      node.x = node.ax;
      node.y = node.ay;
      placed.add(node.key);
    });
    if (group.more) {
      const mid = from + width / 2;
      const reach = (group.nodes.length > 0 ? outer : isRoot ? 150 : 110) + 52;
      group.more.x = parent.x + Math.cos(mid) * reach;
      group.more.y = parent.y + Math.sin(mid) * reach;
    }
  });
  if (placed.size > 0) settle(model, placed);
}

function settle(model: GraphModel, moving: ReadonlySet<string>): void {
  const bodies = new Map<string, Body>();
  for (const node of model.nodes.values()) {
    const still = !moving.has(node.key);
    bodies.set(node.key, { node, x: node.x, y: node.y, ...(still ? { fx: node.x, fy: node.y } : {}) });
  }
  const links: SimulationLinkDatum<Body>[] = [];
  for (const link of model.links.values()) {
    const source = bodies.get(link.from);
    const target = bodies.get(link.to);
    if (source && target && !link.removed) links.push({ source, target });
  }
  const simulation = forceSimulation([...bodies.values()])
    .alpha(START_ALPHA)
    .alphaDecay(1 - (0.001 / START_ALPHA) ** (1 / TICKS))
    .force('link', forceLink(links).distance(150).strength(0.02))
    .force('collide', forceCollide(26))
    .force('x', forceX<Body>((b) => b.node.ax).strength(0.4))
    .force('y', forceY<Body>((b) => b.node.ay).strength(0.4))
    .stop();
  simulation.tick(TICKS);
  for (const body of bodies.values()) {
    body.node.x = body.x ?? body.node.x;
    body.node.y = body.y ?? body.node.y;
  }
}
