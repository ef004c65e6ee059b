// Collected data of front-ends: filled by the collectors of its service, read by its checks.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by its service's issue work
export interface FrontEndGlobal {}
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by its service's issue work
export interface FrontEndRegional {}

/** The keys of FrontEndGlobal (the compiler keeps this list complete). */
export const FRONT_END_GLOBAL_KEYS: Readonly<Record<keyof FrontEndGlobal, true>> = {};
