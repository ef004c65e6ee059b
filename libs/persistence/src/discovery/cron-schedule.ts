import { CronExpressionParser } from 'cron-parser';
import { PersistenceError, PersistenceErrorCode } from '../errors/persistence-error';

/**
 * A schedule's cron expression (5 fields, or 6 with seconds) in an IANA time zone. Parsing
 * validates both; times are computed in that zone, so "0 3 * * *" in Europe/Paris is 03:00
 * Paris time across daylight-saving changes.
 */
export function nextRunsAfter(cron: string, timeZone: string, after: Date, count = 1): Date[] {
  let expression;
  try {
    expression = CronExpressionParser.parse(cron, {
      tz: timeZone,
      currentDate: after,
      strict: false,
    });
  } catch (error) {
    throw new PersistenceError(
      PersistenceErrorCode.INVALID_ARGUMENT,
      `invalid cron expression ${JSON.stringify(cron)} in ${JSON.stringify(timeZone)}: ${
        error instanceof Error ? error.message : String(error)
      }`,
    );
  }
  return expression.take(count).map((date) => date.toDate());
}

/** The first run strictly after `after`. A missed run is never replayed: the next is after now. */
export function nextRunAfter(cron: string, timeZone: string, after: Date): Date {
  const [next] = nextRunsAfter(cron, timeZone, after, 1);
  if (next === undefined) {
    throw new PersistenceError(
      PersistenceErrorCode.INVALID_ARGUMENT,
      `cron expression ${JSON.stringify(cron)} never fires`,
    );
  }
  return next;
}
