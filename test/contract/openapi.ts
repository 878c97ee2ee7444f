/**
 * Checks HubSpot-shaped HTTP requests and responses against HubSpot's official OpenAPI specs
 * (spec/hubspot-openapi), after a short list of documented spec-vs-reality corrections.
 * Every check returns human-readable problems; an empty list means the exchange conforms.
 */
export type { Query, RequestToCheck, ResponseToCheck } from './checks.js';
export { validateRequest, validateResponse } from './checks.js';
export { REALITY_CORRECTIONS, type RealityCorrection } from './corrections.js';
export { findOperation, type OperationMatch, SPEC_FILES } from './specIndex.js';
