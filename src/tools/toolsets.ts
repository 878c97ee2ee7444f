/**
 * Tool groups for `--toolsets` (HUBSPOT_TOOLSETS), docs/DESIGN.md: every tool is in exactly one
 * group (a test checks), and the README's group table is generated from this list.
 */
export const TOOLSETS = {
  labels: [
    'list_association_labels',
    'create_association_label',
    'update_association_label',
    'delete_association_label',
  ],
  limits: [
    'get_association_limits',
    'set_association_limit',
    'remove_association_limit',
    'request_high_usage_report',
  ],
  records: [
    'associate_records',
    'list_associations',
    'show_association_graph',
    'remove_associations',
    'create_contact_company_pair',
    'find_records',
    'list_object_types',
    'check_connection',
  ],
  import: ['import_contact_company_pairs', 'import_associations'],
  journal: ['list_changes', 'undo_change'],
  export: ['export_crm_data'],
  repair: ['audit_associations', 'repair_associations'],
  jobs: ['get_job', 'cancel_job'],
} as const satisfies Record<string, readonly string[]>;

export type ToolsetName = keyof typeof TOOLSETS;
export const TOOLSET_NAMES = Object.keys(TOOLSETS) as ToolsetName[];

/** Names in a --toolsets list that are no group. */
export function unknownToolsets(names: readonly string[]): string[] {
  return names.filter((name) => !(TOOLSET_NAMES as string[]).includes(name));
}

/** The tools of the named groups (unknown names contribute nothing). */
export function toolsetMembers(names: readonly string[]): string[] {
  return names.flatMap((name) => (name in TOOLSETS ? [...TOOLSETS[name as ToolsetName]] : []));
}
