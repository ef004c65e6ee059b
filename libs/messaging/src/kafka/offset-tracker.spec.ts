import { OffsetTracker } from './offset-tracker';

function tracking(...offsets: number[]): OffsetTracker {
  const tracker = new OffsetTracker();
  offsets.forEach((o) => tracker.track(String(o)));
  return tracker;
}

describe('OffsetTracker', () => {
  it('should offer nothing to commit before any work is done', () => {
    const tracker = tracking(10, 11);
    expect(tracker.committable()).toBeUndefined();
    expect(tracker.inFlight).toBe(2);
  });

  it('should commit offset + 1 of the last message when work completes in order', () => {
    const tracker = tracking(10, 11, 12);
    tracker.complete('10');
    expect(tracker.committable()).toBe('11');
    tracker.complete('11');
    tracker.complete('12');
    expect(tracker.committable()).toBe('13');
  });

  it('should not commit past an unfinished offset when later ones complete first', () => {
    const tracker = tracking(1, 2, 3, 4, 5);
    ['2', '3', '4', '5'].forEach((o) => tracker.complete(o));
    expect(tracker.committable()).toBeUndefined();
    tracker.complete('1');
    expect(tracker.committable()).toBe('6');
  });

  it('should stop at the lowest unfinished offset in the middle', () => {
    const tracker = tracking(1, 2, 3, 4);
    tracker.complete('1');
    tracker.complete('3');
    tracker.complete('4');
    expect(tracker.committable()).toBe('2');
    tracker.complete('2');
    expect(tracker.committable()).toBe('5');
  });

  it('should pass over gaps in the offsets (compacted or control records)', () => {
    const tracker = tracking(5, 9, 20);
    tracker.complete('5');
    tracker.complete('9');
    expect(tracker.committable()).toBe('10');
  });

  it('should offer an offset once, until new work completes past it', () => {
    const tracker = tracking(1, 2);
    tracker.complete('1');
    tracker.markCommitted('2');
    expect(tracker.committable()).toBeUndefined();
    tracker.complete('2');
    expect(tracker.committable()).toBe('3');
  });

  it('should keep offering the offset when a commit failed (never marked committed)', () => {
    const tracker = tracking(1);
    tracker.complete('1');
    expect(tracker.committable()).toBe('2');
    expect(tracker.committable()).toBe('2');
  });

  it('should recognise redelivered offsets it already tracks', () => {
    const tracker = tracking(7, 8);
    tracker.complete('7');
    expect(tracker.isTracked('7')).toBe(true);
    expect(tracker.isTracked('8')).toBe(true);
    expect(tracker.isTracked('9')).toBe(false);
  });

  it('should reject offsets tracked out of order and completions of unknown offsets', () => {
    const tracker = tracking(5);
    expect(() => tracker.track('5')).toThrow(RangeError);
    expect(() => tracker.track('4')).toThrow(RangeError);
    expect(() => tracker.complete('6')).toThrow(RangeError);
    tracker.complete('5');
    expect(() => tracker.complete('5')).toThrow(RangeError);
  });

  it('should handle offsets beyond 2^53 exactly', () => {
    const tracker = tracking();
    tracker.track('9007199254740993');
    tracker.complete('9007199254740993');
    expect(tracker.committable()).toBe('9007199254740994');
  });

  it('should stay correct over many offsets completed in random order', () => {
    const tracker = new OffsetTracker();
    const n = 5000;
    for (let i = 0; i < n; i += 1) tracker.track(String(i));
    const order = Array.from({ length: n }, (_, i) => i).sort(() => Math.random() - 0.5);
    const done = new Set<number>();
    for (const o of order) {
      tracker.complete(String(o));
      done.add(o);
      let expected = 0;
      while (done.has(expected)) expected += 1;
      const committable = tracker.committable();
      expect(committable === undefined ? 0 : Number(committable)).toBe(expected);
    }
    expect(tracker.inFlight).toBe(0);
  });
});
