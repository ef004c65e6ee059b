// Collected data of account: filled by the collectors of its service, read by its checks.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by its service's issue work
export interface AccountGlobal {}
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by its service's issue work
export interface AccountRegional {}

/** The keys of AccountGlobal (the compiler keeps this list complete). */
export const ACCOUNT_GLOBAL_KEYS: Readonly<Record<keyof AccountGlobal, true>> = {};
