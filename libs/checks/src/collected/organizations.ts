// Collected data of organizations: filled by the collectors of its service, read by its checks.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by its service's issue work
export interface OrganizationsGlobal {}

/** The keys of OrganizationsGlobal (the compiler keeps this list complete). */
export const ORGANIZATIONS_GLOBAL_KEYS: Readonly<Record<keyof OrganizationsGlobal, true>> = {};
