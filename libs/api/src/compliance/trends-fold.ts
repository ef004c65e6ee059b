// Trends arithmetic, pure: the UTC days of a window and the open counts of each day, walked
// back from today's through the changes recorded since.
import { type FindingSeverity } from '@palisade/findings';
import { FINDING_SEVERITIES } from '../findings/findings-query';

export type SeverityCounts = Record<FindingSeverity, number>;

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of an instant (UTC). */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The `days` UTC days ending with the day of `now`, oldest first. */
export function windowDays(now: Date, days: number): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: days }, (_, i) =>
    new Date(today - (days - 1 - i) * DAY_MS).toISOString().slice(0, 10),
  );
}

/** The start (UTC midnight) of the day after `day`: where "the end of day" is measured. */
export function endOfDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + DAY_MS);
}

export function zeroSeverities(): SeverityCounts {
  return Object.fromEntries(FINDING_SEVERITIES.map((s) => [s, 0])) as SeverityCounts;
}

/** One change of the open count, recorded on a day (UTC) for findings of a severity. */
export interface OpenDelta {
  readonly day: string;
  readonly severity: FindingSeverity;
  /** Findings that became open minus findings that stopped being open. */
  readonly delta: number;
}

export interface OpenPoint extends SeverityCounts {
  readonly day: string;
  readonly total: number;
}

/**
 * Open counts per day of `days` (oldest first, the last is today): today's are `openNow`; a day
 * before is the day after minus what the changes recorded during the day after opened (plus
 * what they closed). A negative count (history pruned before a finding it concerns) reads 0.
 */
export function openSeries(
  days: readonly string[],
  openNow: SeverityCounts,
  deltas: readonly OpenDelta[],
): OpenPoint[] {
  const byDay = new Map<string, SeverityCounts>();
  for (const d of deltas) {
    let counts = byDay.get(d.day);
    if (!counts) byDay.set(d.day, (counts = zeroSeverities()));
    counts[d.severity] += d.delta;
  }
  const points: OpenPoint[] = [];
  let current: SeverityCounts = { ...openNow };
  for (let i = days.length - 1; i >= 0; i--) {
    const day = days[i] as string;
    const shown = zeroSeverities();
    let total = 0;
    for (const severity of FINDING_SEVERITIES) {
      shown[severity] = Math.max(0, current[severity]);
      total += shown[severity];
    }
    points.push({ day, total, ...shown });
    const recorded = byDay.get(day);
    if (recorded) {
      const before = { ...current };
      for (const severity of FINDING_SEVERITIES) before[severity] -= recorded[severity];
      current = before;
    }
  }
  return points.reverse();
}
