import { type FindingsChanged } from '@palisade/contracts';

/**
 * A finding's lifecycle status (the `findings.status` column):
 * - `new`: failing (FAIL, or an ACTIVE Inspector2 finding), first seen or reopened;
 * - `in_progress`: still failing in a later observation;
 * - `resolved`: was failing, now passes (or its scope ran clean without it, or Inspector2 CLOSED);
 * - `compliant`: passes and was never failing;
 * - `manual`: a MANUAL result waiting for a person;
 * - `error`: only ever observed as ERROR (an ERROR never changes an existing finding's status).
 */
export const FINDING_STATUSES = [
  'new',
  'in_progress',
  'resolved',
  'compliant',
  'manual',
  'error',
] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/** Statuses a clean run of the finding's scope resolves when the run did not report it. */
export const OPEN_STATUSES: readonly FindingStatus[] = ['new', 'in_progress', 'manual', 'error'];

/** What `findings.changed` announces. */
export type FindingChangeKind = FindingsChanged['change'];

/** Severities of the `findings.severity` column and of `findings.changed`. */
export type FindingSeverity = FindingsChanged['severity'];
