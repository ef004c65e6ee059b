import { PersistenceError } from '../errors/persistence-error';
import { nextRunAfter, nextRunsAfter } from './cron-schedule';

describe('cron schedules', () => {
  it('should compute the next run in the schedule time zone', () => {
    expect(nextRunAfter('0 3 * * *', 'Europe/Paris', new Date('2026-11-28T10:00:00Z'))).toEqual(
      new Date('2026-11-29T02:00:00Z'),
    );
  });

  it('should keep local wall-clock time across a daylight-saving change', () => {
    expect(nextRunsAfter('0 3 * * *', 'Europe/Paris', new Date('2026-03-28T12:00:00Z'), 2)).toEqual(
      [new Date('2026-03-29T01:00:00Z'), new Date('2026-03-30T01:00:00Z')],
    );
  });

  it('should return a time strictly after the given one, so a due time fires once', () => {
    const due = new Date('2026-11-29T02:00:00Z');
    expect(nextRunAfter('0 3 * * *', 'Europe/Paris', due)).toEqual(
      new Date('2026-11-30T02:00:00Z'),
    );
  });

  it('should refuse a malformed expression with INVALID_ARGUMENT', () => {
    expect(() => nextRunAfter('61 * * * *', 'UTC', new Date())).toThrow(PersistenceError);
    expect(() => nextRunAfter('every day', 'UTC', new Date())).toThrow(/invalid cron expression/);
  });

  it('should refuse an unknown time zone', () => {
    expect(() => nextRunAfter('0 3 * * *', 'Mars/Olympus', new Date())).toThrow(
      /invalid cron expression.*Mars\/Olympus/,
    );
  });
});
