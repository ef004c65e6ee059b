import { KeyedExecutor } from './keyed-executor';

function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('KeyedExecutor', () => {
  it('should never run two tasks of the same key at once, and keep their order', async () => {
    const executor = new KeyedExecutor(4);
    const log: string[] = [];
    const first = gate();
    const a1 = executor.submit('a', async () => {
      log.push('a1 start');
      await first.promise;
      log.push('a1 end');
    });
    const a2 = executor.submit('a', () => {
      log.push('a2 start');
      return Promise.resolve();
    });
    await tick();
    expect(log).toEqual(['a1 start']);
    first.open();
    await Promise.all([a1, a2]);
    expect(log).toEqual(['a1 start', 'a1 end', 'a2 start']);
  });

  it('should run distinct keys in parallel up to the concurrency limit', async () => {
    const executor = new KeyedExecutor(2);
    const blocker = gate();
    const started: string[] = [];
    const tasks = ['a', 'b', 'c'].map((key) =>
      executor.submit(key, async () => {
        started.push(key);
        await blocker.promise;
      }),
    );
    await tick();
    expect(started).toEqual(['a', 'b']);
    expect(executor.active).toBe(2);
    blocker.open();
    await Promise.all(tasks);
    expect(started).toEqual(['a', 'b', 'c']);
  });

  it('should resolve cancelled tasks with undefined without running them', async () => {
    const executor = new KeyedExecutor(1);
    const blocker = gate();
    const ran: string[] = [];
    const running = executor.submit('a', async () => {
      ran.push('a');
      await blocker.promise;
      return 'a';
    });
    const queued = executor.submit('b', () => {
      ran.push('b');
      return Promise.resolve('b');
    });
    await tick();
    expect(executor.cancelPending()).toBe(1);
    await expect(queued).resolves.toBeUndefined();
    blocker.open();
    await expect(running).resolves.toBe('a');
    expect(ran).toEqual(['a']);
  });

  it('should report idle only once running tasks have finished', async () => {
    const executor = new KeyedExecutor(1);
    const blocker = gate();
    void executor.submit('a', () => blocker.promise);
    let idle = false;
    const waiting = executor.idle().then(() => (idle = true));
    await tick();
    expect(idle).toBe(false);
    blocker.open();
    await waiting;
    expect(idle).toBe(true);
  });

  it('should pass a task failure to its caller and keep going', async () => {
    const executor = new KeyedExecutor(1);
    await expect(executor.submit('a', () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    await expect(executor.submit('a', () => Promise.resolve(2))).resolves.toBe(2);
  });
});
