/** The tool names docs/DESIGN.md fixes as a contract, in registry order. */
export const DESIGN_TOOLS = [
  'list_association_labels',
  'create_association_label',
  'update_association_label',
  'delete_association_label',
  'associate_records',
  'list_associations',
  'remove_associations',
  'get_association_limits',
  'set_association_limit',
  'remove_association_limit',
  'create_contact_company_pair',
  'find_records',
  'request_high_usage_report',
  'export_crm_data',
  'list_object_types',
];
