/**
 * The association graph as the tool returns it and the MCP App's view (src/ui/) draws it: compact
 * enough for a model that sees only structuredContent, complete enough to stand alone.
 */

/** A record as shown: the name is its display name (never empty). */
export interface GraphRecord {
  /** What the tools take as an object type: `contacts`, or a custom type's id `2-…`. */
  objectType: string;
  id: string;
  name: string;
}

/** One associated record and the labels of its link to the centre (none: the default association). */
export interface GraphEdge {
  id: string;
  name: string;
  labels: string[];
}

/** The centre's associations to one object type. */
export interface GraphGroup {
  objectType: string;
  /** A custom object type's plural label (standard types go by their name). */
  label?: string;
  /** Associations of this type (a lower bound when `totalAtLeast`). */
  total: number;
  totalAtLeast?: boolean;
  /** Only the first limitPerType edges are listed (labelled ones first). */
  truncated: boolean;
  /** How many of all `total` links carry each label. */
  labelCounts: Record<string, number>;
  edges: GraphEdge[];
  /** This type could not be read (e.g. a missing scope); the other groups still are. */
  error?: string;
}

export interface AssociationGraph {
  center: GraphRecord & { label?: string };
  groups: GraphGroup[];
}

/** The tools the view may call (enabled on this server): it shows only their actions. */
export interface GraphResult extends AssociationGraph {
  actions: string[];
}
