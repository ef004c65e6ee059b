import { type DataSource } from 'typeorm';
import { thrown } from '../testing/thrown';
import { PersistenceErrorCode } from '../errors/persistence-error';
import { type ExclusiveRunner, nextDelayMs, PeriodicTask } from './periodic-task';

const noDataSource = {} as DataSource;

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('nextDelayMs', () => {
  it('should add between 0 and jitter to the interval', () => {
    expect(nextDelayMs(1000, 200, () => 0)).toBe(1000);
    expect(nextDelayMs(1000, 200, () => 0.999)).toBe(1199);
  });
});

describe('PeriodicTask', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('should run through the exclusive runner under its own name once per interval', async () => {
    const exclusive = jest
      .fn<ReturnType<ExclusiveRunner>, Parameters<ExclusiveRunner>>()
      .mockResolvedValue({ ran: true, value: undefined });
    const run = jest.fn<Promise<void>, []>();
    const task = new PeriodicTask(
      noDataSource,
      { name: 'outbox-relay', intervalMs: 1000, jitterMs: 0, run },
      () => 0,
      exclusive,
    );
    task.start();
    await jest.advanceTimersByTimeAsync(999);
    expect(exclusive).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1);
    expect(exclusive).toHaveBeenCalledWith('outbox-relay', run);
    await jest.advanceTimersByTimeAsync(2000);
    expect(exclusive).toHaveBeenCalledTimes(3);
    await task.stop();
  });

  it('should not start the next run before the previous one has finished', async () => {
    const gate = deferred();
    const exclusive = jest.fn<ReturnType<ExclusiveRunner>, Parameters<ExclusiveRunner>>(
      async () => {
        await gate.promise;
        return { ran: true, value: undefined };
      },
    );
    const task = new PeriodicTask(
      noDataSource,
      { name: 'slow', intervalMs: 100, jitterMs: 0, run: jest.fn() },
      () => 0,
      exclusive,
    );
    task.start();
    await jest.advanceTimersByTimeAsync(1000);
    expect(exclusive).toHaveBeenCalledTimes(1);
    gate.resolve();
    await jest.advanceTimersByTimeAsync(100);
    expect(exclusive).toHaveBeenCalledTimes(2);
    await task.stop();
  });

  it('should report a failed run and keep its schedule', async () => {
    const onError = jest.fn();
    const boom = new Error('boom');
    const exclusive = jest
      .fn<ReturnType<ExclusiveRunner>, Parameters<ExclusiveRunner>>()
      .mockRejectedValue(boom);
    const task = new PeriodicTask(
      noDataSource,
      { name: 'flaky', intervalMs: 100, jitterMs: 0, run: jest.fn(), onError },
      () => 0,
      exclusive,
    );
    task.start();
    await jest.advanceTimersByTimeAsync(250);
    expect(onError).toHaveBeenCalledTimes(2);
    expect(onError).toHaveBeenCalledWith(boom);
    await task.stop();
  });

  it('should wait for the run in flight when stopped, and not run again', async () => {
    const gate = deferred();
    const exclusive = jest.fn<ReturnType<ExclusiveRunner>, Parameters<ExclusiveRunner>>(
      async () => {
        await gate.promise;
        return { ran: true, value: undefined };
      },
    );
    const task = new PeriodicTask(
      noDataSource,
      { name: 'stoppable', intervalMs: 100, jitterMs: 0, run: jest.fn() },
      () => 0,
      exclusive,
    );
    task.start();
    await jest.advanceTimersByTimeAsync(100);
    let stopped = false;
    const stopping = task.stop().then(() => (stopped = true));
    await jest.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    gate.resolve();
    await stopping;
    await jest.advanceTimersByTimeAsync(1000);
    expect(exclusive).toHaveBeenCalledTimes(1);
    expect(task.running).toBe(false);
  });

  it('should apply jitter to every delay', async () => {
    const exclusive = jest
      .fn<ReturnType<ExclusiveRunner>, Parameters<ExclusiveRunner>>()
      .mockResolvedValue({ ran: false });
    const task = new PeriodicTask(
      noDataSource,
      { name: 'jittery', intervalMs: 1000, jitterMs: 500, run: jest.fn() },
      () => 0.5,
      exclusive,
    );
    task.start();
    await jest.advanceTimersByTimeAsync(1249);
    expect(exclusive).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1);
    expect(exclusive).toHaveBeenCalledTimes(1);
    await task.stop();
  });

  it('should refuse an invalid name or interval up front', () => {
    expect(
      thrown(
        () => new PeriodicTask(noDataSource, { name: 'Bad Name', intervalMs: 1, run: jest.fn() }),
      ),
    ).toMatchObject({ code: PersistenceErrorCode.INVALID_LOCK_NAME });
    expect(
      thrown(() => new PeriodicTask(noDataSource, { name: 'ok', intervalMs: 0, run: jest.fn() })),
    ).toMatchObject({ code: PersistenceErrorCode.INVALID_ARGUMENT });
  });
});
