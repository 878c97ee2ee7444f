export type Kind = 'match' | 'free' | 'none' | 'linked';
export function kindOf(i: number): Kind;
export function nthOfKind(kind: Kind, n: number, C: number): number;
export function seedRepairPortal(
  portal: import('hubspot-sandbox').Portal,
  size: { contacts: number; companies: number },
): void;
