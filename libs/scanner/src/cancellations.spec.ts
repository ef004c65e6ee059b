import { Cancellations } from './cancellations';

describe('Cancellations', () => {
  it('should tell a running job once when its scan is cancelled, and a later job at once', () => {
    const cancellations = new Cancellations();
    const running = jest.fn();
    const other = jest.fn();
    cancellations.onCancel('scan-1', running);
    cancellations.onCancel('scan-2', other);
    cancellations.cancel('scan-1');
    cancellations.cancel('scan-1');
    const late = jest.fn();
    cancellations.onCancel('scan-1', late);
    expect(running).toHaveBeenCalledTimes(1);
    expect(late).toHaveBeenCalledTimes(1);
    expect(other).not.toHaveBeenCalled();
  });

  it('should forget a cancellation after a day', () => {
    let now = 0;
    const cancellations = new Cancellations(() => now);
    cancellations.cancel('old');
    now = 25 * 60 * 60 * 1000;
    cancellations.cancel('new');
    expect(cancellations.isCancelled('old')).toBe(false);
    expect(cancellations.isCancelled('new')).toBe(true);
  });
});
