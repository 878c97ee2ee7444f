/** Every endpoint the sandbox serves. */
import type { PortalState } from '../portal.js';
import type { Route } from '../router.js';
import { accountRoutes } from './account.js';
import { associationBatchRoutes } from './associationBatch.js';
import { labelRoutes } from './labels.js';
import { limitRoutes } from './limits.js';
import { limitUsageRoutes } from './limitUsage.js';
import { objectRoutes } from './objects.js';
import { objectBatchRoutes } from './objectsBatch.js';
import { recordRoutes } from './records.js';
import { reportRoutes } from './report.js';
import { schemaRoutes } from './schemas.js';
import { searchRoutes } from './search.js';

export function allRoutes(state: PortalState): Route[] {
  return [
    ...recordRoutes(state),
    ...associationBatchRoutes(state),
    ...reportRoutes(state),
    ...labelRoutes(state),
    ...limitRoutes(state),
    ...limitUsageRoutes(state),
    ...schemaRoutes(),
    ...accountRoutes(),
    ...objectRoutes(state),
    ...objectBatchRoutes(state),
    ...searchRoutes(state),
  ];
}
