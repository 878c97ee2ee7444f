import type { ProbeName } from '../domain/account/connection.js';

/**
 * The HubSpot scopes each tool needs, by HubSpot's exact names (the README's scope table is
 * generated from this), and the check_connection probes that must pass for the tool to work.
 * `object` = any one of the object probes: tools that take an object type need the read (and,
 * to write, the write) scope of the types they are given. Sources: the `security` sections of
 * spec/hubspot-openapi (association, label and limit endpoints accept any CRM object scope;
 * contacts and companies need their own; schemas need crm.schemas.custom.read).
 */
export type Requirement = ProbeName | 'object';

/** What MCP_HTTP_AUTH=oauth asks HubSpot for when HUBSPOT_OAUTH_SCOPES is unset: the tools' object scopes. */
export function oauthScopes(readOnly: boolean): string[] {
  const objects = ['contacts', 'companies', 'deals'].flatMap((t) =>
    readOnly ? [`crm.objects.${t}.read`] : [`crm.objects.${t}.read`, `crm.objects.${t}.write`],
  );
  return ['oauth', ...objects, 'crm.schemas.custom.read'];
}

export const TOOL_SCOPES: Record<string, { scopes: string; needs: readonly Requirement[] }> = {
  list_association_labels: { scopes: 'crm.objects.{type}.read of the pair', needs: ['labels'] },
  create_association_label: { scopes: 'crm.objects.{type}.write of the pair', needs: ['labels'] },
  update_association_label: { scopes: 'crm.objects.{type}.write of the pair', needs: ['labels'] },
  delete_association_label: { scopes: 'crm.objects.{type}.write of the pair', needs: ['labels'] },
  associate_records: { scopes: 'crm.objects.{type}.read + .write of both types', needs: ['object'] },
  list_associations: { scopes: 'crm.objects.{type}.read of both types', needs: ['object'] },
  show_association_graph: {
    scopes: 'crm.objects.{type}.read of every shown type (crm.schemas.custom.read for custom ones)',
    needs: ['object'],
  },
  remove_associations: { scopes: 'crm.objects.{type}.read + .write of both types', needs: ['object'] },
  get_association_limits: { scopes: 'crm.objects.{type}.read', needs: ['labels'] },
  set_association_limit: { scopes: 'crm.objects.{type}.write of the pair', needs: ['labels'] },
  remove_association_limit: { scopes: 'crm.objects.{type}.write of the pair', needs: ['labels'] },
  create_contact_company_pair: {
    scopes: 'crm.objects.contacts.read/write, crm.objects.companies.read/write',
    needs: ['contacts', 'companies'],
  },
  find_records: { scopes: 'crm.objects.{type}.read', needs: ['object'] },
  request_high_usage_report: { scopes: 'any crm.objects.*.read', needs: ['labels'] },
  export_crm_data: { scopes: 'crm.objects.{type}.read of every exported type', needs: ['object'] },
  list_object_types: { scopes: 'crm.schemas.custom.read', needs: ['schemas'] },
  list_changes: { scopes: 'none (the journal is local)', needs: [] },
  undo_change: { scopes: 'the scopes of the tool that made the change', needs: ['object'] },
  import_contact_company_pairs: {
    scopes: 'crm.objects.contacts.read/write, crm.objects.companies.read/write',
    needs: ['contacts', 'companies'],
  },
  import_associations: { scopes: 'crm.objects.{type}.read + .write of both types', needs: ['object'] },
  check_connection: { scopes: 'none (reports the ones it finds)', needs: [] },
  get_job: { scopes: "none (jobs are the server's)", needs: [] },
  cancel_job: { scopes: 'none (stopping writes nothing)', needs: [] },
  audit_associations: { scopes: 'crm.objects.{type}.read of both types', needs: ['object'] },
  repair_associations: {
    scopes: 'crm.objects.{type}.read + .write (contacts and companies for link_by_domain)',
    needs: ['object'],
  },
};
