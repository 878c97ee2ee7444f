/** HubSpot association shapes, normalised: ids are always strings, labels may be null. */

export type AssociationCategory = 'HUBSPOT_DEFINED' | 'USER_DEFINED' | 'INTEGRATOR_DEFINED' | 'WORK';

/** Request side: what to write (HubSpot's `AssociationSpec`). */
export interface AssociationSpec {
  associationCategory: AssociationCategory;
  associationTypeId: number;
}

/** Response side: HubSpot's `AssociationSpecWithLabel` (note the different field names). */
export interface AssociationType {
  category: AssociationCategory;
  typeId: number;
  label: string | null;
}

/** `StandardError` items of 207 / batch responses. */
export interface StandardError {
  status?: string;
  category?: string;
  message: string;
  context?: Record<string, string[]>;
  errors?: Array<{ message?: string; code?: string; context?: Record<string, string[]> }>;
  id?: string;
}

/** A batch answer: results plus per-input errors (207 multi-status or inline `errors`). */
export interface BatchOutcome<T> {
  status: number;
  results: T[];
  errors: StandardError[];
}

export interface AssociatedObject {
  toObjectId: string;
  types: AssociationType[];
}

export interface ListPage<T> {
  results: T[];
  after?: string;
}

export interface BatchReadResult {
  fromId: string;
  to: AssociatedObject[];
  after?: string;
}

export interface LabelsBetweenPair {
  fromObjectId: string;
  toObjectId: string;
  labels: string[];
}

export interface DefaultAssociationResult {
  fromId: string;
  toId: string;
  spec: AssociationSpec;
}

export interface LimitConfiguration {
  category: AssociationCategory;
  typeId: number;
  label?: string | null;
  maxToObjectIds?: number;
}

export interface CrmObject {
  id: string;
  properties: Record<string, string | null>;
  createdAt?: string;
  updatedAt?: string;
  archived?: boolean;
}

export type FilterOperator =
  | 'EQ'
  | 'NEQ'
  | 'LT'
  | 'LTE'
  | 'GT'
  | 'GTE'
  | 'BETWEEN'
  | 'IN'
  | 'NOT_IN'
  | 'HAS_PROPERTY'
  | 'NOT_HAS_PROPERTY'
  | 'CONTAINS_TOKEN'
  | 'NOT_CONTAINS_TOKEN';

export interface SearchFilter {
  propertyName: string;
  operator: FilterOperator;
  value?: string;
  values?: string[];
  highValue?: string;
}

export interface SearchRequest {
  filterGroups?: Array<{ filters: SearchFilter[] }>;
  query?: string;
  properties?: string[];
  sorts?: string[];
  limit?: number;
  after?: string;
}

export interface SearchPage extends ListPage<CrmObject> {
  total: number;
}

export interface HighUsageReport {
  userId: number;
  userEmail: string;
  enqueuedAt?: string;
}

/** A custom object type from the schemas API (objectTypeId `2-…`). */
export interface CustomObjectType {
  objectTypeId: string;
  name: string;
  fullyQualifiedName?: string;
  singular?: string;
  plural?: string;
  primaryDisplayProperty?: string;
}

/** What check_connection reports of the account (HubSpot sends more: currencies, data hosting). */
export interface AccountDetails {
  portalId: number;
  /** APP_DEVELOPER, DEVELOPER_TEST, SANDBOX or STANDARD. */
  accountType?: string;
  timeZone?: string;
  uiDomain?: string;
}
