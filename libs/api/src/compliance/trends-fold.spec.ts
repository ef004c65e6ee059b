import { endOfDay, openSeries, windowDays, zeroSeverities } from './trends-fold';

describe('windowDays', () => {
  it('should list the UTC days ending today, oldest first', () => {
    expect(windowDays(new Date('2030-03-02T23:59:59.999Z'), 3)).toEqual([
      '2030-02-28',
      '2030-03-01',
      '2030-03-02',
    ]);
    expect(windowDays(new Date('2030-03-02T00:00:00.000Z'), 1)).toEqual(['2030-03-02']);
  });
});

describe('endOfDay', () => {
  it('should be the next UTC midnight', () => {
    expect(endOfDay('2030-12-31').toISOString()).toBe('2031-01-01T00:00:00.000Z');
  });
});

describe('openSeries', () => {
  const days = ['2030-03-01', '2030-03-02', '2030-03-03'];

  it('should walk back from today through the changes recorded after each day', () => {
    const now = { ...zeroSeverities(), critical: 2, high: 1 };
    const points = openSeries(days, now, [
      // On 03-03 a high opened; on 03-02 a critical opened and a high closed.
      { day: '2030-03-03', severity: 'high', delta: 1 },
      { day: '2030-03-02', severity: 'critical', delta: 1 },
      { day: '2030-03-02', severity: 'high', delta: -1 },
      // Changes on the first day say what happened before the window: not needed.
      { day: '2030-03-01', severity: 'low', delta: 5 },
    ]);
    expect(points.map((p) => [p.day, p.total, p.critical, p.high, p.low])).toEqual([
      ['2030-03-01', 2, 1, 1, 0],
      ['2030-03-02', 2, 2, 0, 0],
      ['2030-03-03', 3, 2, 1, 0],
    ]);
  });

  it('should read a negative count (history pruned) as zero', () => {
    const points = openSeries(days, zeroSeverities(), [
      { day: '2030-03-03', severity: 'medium', delta: 1 },
    ]);
    expect(points.map((p) => p.medium)).toEqual([0, 0, 0]);
    expect(points.map((p) => p.total)).toEqual([0, 0, 0]);
  });
});
