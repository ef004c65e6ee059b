import {
  createScheduleSchema,
  cronProblem,
  isTimeZone,
  updateScheduleSchema,
} from './schedules.dto';

const SOURCE = '0b8a3c1e-2f4d-4e6a-9b1c-3d5e7f9a1b2c';

function fieldsOf(result: { error?: { issues: { path: PropertyKey[] }[] } }): string[] {
  return (result.error?.issues ?? []).map((issue) => issue.path.map(String).join('.'));
}

describe('schedule validation', () => {
  it('should accept 5- and 6-field cron expressions in IANA zones, and refuse the rest', () => {
    expect(cronProblem('0 3 * * *', 'Europe/Paris')).toBeNull();
    expect(cronProblem('30 0 3 * * 1-5', 'UTC')).toBeNull();
    expect(cronProblem('0 25 * * *', 'UTC')).toMatch(/invalid cron expression/);
    expect(cronProblem('every day', 'UTC')).toMatch(/invalid cron expression/);
    expect(isTimeZone('America/New_York')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
  });

  it('should name the cron field, the zone field and each unknown check', () => {
    expect(
      fieldsOf(createScheduleSchema.safeParse({ sourceId: SOURCE, name: 'n', cron: '61 * * * *' })),
    ).toEqual(['cron']);
    expect(
      fieldsOf(
        createScheduleSchema.safeParse({
          sourceId: SOURCE,
          name: 'n',
          cron: '0 3 * * *',
          timeZone: 'Europe/Atlantis',
          checks: ['iam_root_mfa_enabled', 'no_such_check'],
        }),
      ),
    ).toEqual(['timeZone', 'checks.1']);
  });

  it('should default the zone to UTC, the scope to the whole source and the schedule to enabled', () => {
    expect(
      createScheduleSchema.parse({ sourceId: SOURCE, name: ' nightly ', cron: '0 3 * * *' }),
    ).toEqual({
      sourceId: SOURCE,
      name: 'nightly',
      cron: '0 3 * * *',
      timeZone: 'UTC',
      scope: {},
      enabled: true,
    });
  });

  it('should refuse accountIds with ouIds, frameworks with checks, and unknown fields', () => {
    expect(
      fieldsOf(
        createScheduleSchema.safeParse({
          sourceId: SOURCE,
          name: 'n',
          cron: '0 3 * * *',
          scope: { accountIds: ['111122223333'], ouIds: ['ou-ab12-cdef3456'] },
          frameworks: ['cis-aws-foundations-v7.0.0'],
          checks: ['iam_root_mfa_enabled'],
        }),
      ),
    ).toEqual(['scope.ouIds', 'checks']);
    expect(fieldsOf(updateScheduleSchema.safeParse({ sourceId: SOURCE }))).toEqual(['']);
  });
});
