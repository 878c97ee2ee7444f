import { associateRecords } from './associateRecords.js';
import { auditAssociations } from './auditAssociations.js';
import { cancelJob } from './cancelJob.js';
import { checkConnection } from './checkConnection.js';
import { createAssociationLabel } from './createAssociationLabel.js';
import { createContactCompanyPair } from './createContactCompanyPair.js';
import { deleteAssociationLabel } from './deleteAssociationLabel.js';
import { exportCrmData } from './exportCrmData.js';
import { findRecords } from './findRecords.js';
import { getAssociationLimits } from './getAssociationLimits.js';
import { getJob } from './getJob.js';
import { importAssociations } from './importAssociations.js';
import { importContactCompanyPairs } from './importContactCompanyPairs.js';
import { listAssociationLabels } from './listAssociationLabels.js';
import { listAssociations } from './listAssociations.js';
import { listChanges } from './listChanges.js';
import { listObjectTypesTool } from './listObjectTypes.js';
import { removeAssociationLimit } from './removeAssociationLimit.js';
import { removeAssociations } from './removeAssociations.js';
import { repairAssociations } from './repairAssociations.js';
import { requestHighUsageReport } from './requestHighUsageReport.js';
import { setAssociationLimit } from './setAssociationLimit.js';
import { showAssociationGraph } from './showAssociationGraph.js';
import { TOOLSETS, toolsetMembers } from './toolsets.js';
import type { ToolDefinition } from './types.js';
import { undoChange } from './undoChange.js';
import { updateAssociationLabel } from './updateAssociationLabel.js';

/** The registry: a plain array, in the order tools/list shows them. */
export const allTools: readonly ToolDefinition[] = [
  listAssociationLabels,
  createAssociationLabel,
  updateAssociationLabel,
  deleteAssociationLabel,
  associateRecords,
  listAssociations,
  showAssociationGraph,
  removeAssociations,
  getAssociationLimits,
  setAssociationLimit,
  removeAssociationLimit,
  createContactCompanyPair,
  findRecords,
  requestHighUsageReport,
  exportCrmData,
  listObjectTypesTool,
  listChanges,
  undoChange,
  importContactCompanyPairs,
  importAssociations,
  checkConnection,
  auditAssociations,
  repairAssociations,
  getJob,
  cancelJob,
] as unknown as readonly ToolDefinition[];

/** get_job and cancel_job: served whenever a long tool is (--read-only too: stopping writes nothing). */
const JOB_TOOLS = new Set<string>(TOOLSETS.jobs);

export const TOOL_NAMES = allTools.map((t) => t.name);

/** Names in an allow-list that are not tools (the caller decides how to refuse them). */
export function unknownTools(names: readonly string[]): string[] {
  return names.filter((name) => !TOOL_NAMES.includes(name));
}

/**
 * --toolsets and --tools together are one allow-list (a group's tools plus the named ones; neither
 * given: every tool); --read-only then keeps tools whose readOnlyHint is true. get_job and
 * cancel_job come with any long tool (and only then). Unknown names are ignored here (the caller
 * refuses them).
 */
export function selectTools(options: {
  readOnly?: boolean;
  tools?: readonly string[];
  toolsets?: readonly string[];
}): readonly ToolDefinition[] {
  const listed = options.tools || options.toolsets;
  const allowed = new Set([...(options.tools ?? []), ...toolsetMembers(options.toolsets ?? [])]);
  const chosen = allTools.filter(
    (t) => (!options.readOnly || t.annotations.readOnlyHint === true) && (!listed || allowed.has(t.name)),
  );
  const long = chosen.some((t) => t.longRunning);
  return allTools.filter((t) => (JOB_TOOLS.has(t.name) ? long : chosen.includes(t)));
}
