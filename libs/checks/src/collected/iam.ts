// Collected data of iam: filled by the collectors of its service, read by its checks.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by its service's issue work
export interface IamGlobal {}

/** The keys of IamGlobal (the compiler keeps this list complete). */
export const IAM_GLOBAL_KEYS: Readonly<Record<keyof IamGlobal, true>> = {};
