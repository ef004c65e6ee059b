import { FairJobScheduler } from './fair-scheduler';

function gate() {
  let open = (): void => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('FairJobScheduler', () => {
  it('should never run more than the worker limit, nor more than the tenant limit for one tenant', async () => {
    const scheduler = new FairJobScheduler(3, 2);
    const started: string[] = [];
    const gates = new Map<string, ReturnType<typeof gate>>();
    const job = (tenant: string, n: number) => {
      const g = gate();
      gates.set(`${tenant}${n}`, g);
      return scheduler.run(tenant, async () => {
        started.push(`${tenant}${n}`);
        await g.opened;
      });
    };
    const all = [job('a', 1), job('a', 2), job('a', 3), job('a', 4), job('b', 1)];
    await tick();
    expect(started).toEqual(['a1', 'a2', 'b1']);
    expect(scheduler.stats()).toMatchObject({ running: 3, waiting: 2 });
    gates.get('a1')?.open();
    await tick();
    expect(started).toEqual(['a1', 'a2', 'b1', 'a3']);
    for (const g of gates.values()) g.open();
    await Promise.all(all);
    expect(started).toHaveLength(5);
    expect(scheduler.stats()).toEqual({ running: 0, waiting: 0, runningByTenant: {} });
  });

  it('should give a freed slot to the tenant that waited, not to the one with the longest queue', async () => {
    const scheduler = new FairJobScheduler(1, 1);
    const order: string[] = [];
    const first = gate();
    const running = scheduler.run('big', async () => {
      order.push('big0');
      await first.opened;
    });
    const queued = [
      ...[1, 2, 3].map((n) =>
        scheduler.run('big', () => Promise.resolve(void order.push(`big${n}`))),
      ),
      scheduler.run('small', () => Promise.resolve(void order.push('small1'))),
    ];
    first.open();
    await Promise.all([running, ...queued]);
    expect(order.indexOf('small1')).toBeLessThan(order.indexOf('big2'));
  });

  it('should free the slot when a job fails', async () => {
    const scheduler = new FairJobScheduler(1, 1);
    await expect(scheduler.run('t', () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    await expect(scheduler.run('t', () => Promise.resolve('next'))).resolves.toBe('next');
  });
});
