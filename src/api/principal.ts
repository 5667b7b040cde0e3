/** Who a request acts for: the roles an API key may have (API.md) and the principal a key stands for. */

export const ROLES = ['admin', 'manager', 'site-lead', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  /** For a site lead: the sites whose readiness it may confirm. */
  readonly sites: readonly string[];
}
